import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

/** One ESM file for Node: the workspace packages (TypeScript sources) are bundled in, npm
 * dependencies stay external, and the migrations are copied beside it. */
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: 'esm',
  platform: 'node',
  target: 'node20',
  clean: true,
  noExternal: [/^@cascade\//],
  external: [/^(?!@cascade\/)[^./]/],
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  onSuccess: async () => {
    cpSync('../../packages/db/drizzle', 'dist/drizzle', { recursive: true });
    cpSync('../../packages/engine/fixtures', 'dist/fixtures', { recursive: true });
  },
});
