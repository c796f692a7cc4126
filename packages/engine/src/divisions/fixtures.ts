import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FILE = 'orgunits-sc-510104-jinjiang.csv';

/** The real Jinjiang district tree (90 units), committed with the project for the demo and tests:
 * beside the sources in this package, or copied next to a bundled server. */
export const JINJIANG_FIXTURE_PATH: string = (() => {
  const candidates = [new URL(`../../fixtures/${FILE}`, import.meta.url), new URL(`./fixtures/${FILE}`, import.meta.url)].map((u) => fileURLToPath(u));
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
})();
