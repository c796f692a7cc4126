import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { openPages } from './browser';

const RESULTS = fileURLToPath(new URL('../../e2e-results/failures/', import.meta.url));

// A failed browser test leaves a full-page picture of every open page, named after the test, so a
// failure on CI can be seen and not only read.
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  mkdirSync(RESULTS, { recursive: true });
  const name = context.task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
  let i = 0;
  for (const page of openPages) {
    const file = join(RESULTS, `${name}-${++i}.png`);
    await page.screenshot({ path: file, fullPage: true }).then(
      () => console.error(`failure screenshot: ${file} (${page.url()})`),
      () => undefined,
    );
  }
});
