import { cpSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ENTRY = fileURLToPath(new URL('./serverProcess.ts', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('../../dist/server', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('../../../packages/db/drizzle', import.meta.url));

/** npm packages stay external, resolved from the bench's node_modules at run time; the workspace's
 * own packages (TypeScript sources) are compiled in. */
const npmExternal: Plugin = {
  name: 'npm-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@cascade/') ? undefined : { path: args.path, external: true }));
  },
};

let built: Promise<string> | undefined;

/**
 * The server under test compiled as the product ships it (`apps/server/tsup.config.ts`: one ESM file,
 * the workspace packages bundled in, npm dependencies external, the migrations beside it), so the
 * server process runs plain JavaScript. Under tsx its compiler and source maps alone would add ~90 MB
 * to every memory figure (idle: 180 MB under tsx, 92 MB for `cascade start`). Built once per harness
 * process; the file is swapped in whole, so a concurrent harness never starts half a file.
 */
export function buildServer(): Promise<string> {
  built ??= (async () => {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      write: false,
      plugins: [npmExternal],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    mkdirSync(OUT_DIR, { recursive: true });
    cpSync(MIGRATIONS, join(OUT_DIR, 'drizzle'), { recursive: true });
    const file = join(OUT_DIR, 'serverProcess.mjs');
    const staging = `${file}.${process.pid}`;
    writeFileSync(staging, (result.outputFiles[0] as { contents: Uint8Array }).contents);
    renameSync(staging, file);
    return file;
  })();
  return built;
}
