import { defineConfig } from 'vitest/config';

// The smoke run loads PGlite (about a second) and runs every benchmark at N=100.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000, include: ['src/**/*.test.ts'] },
});
