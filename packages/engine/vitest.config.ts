import { defineConfig } from 'vitest/config';

// Database tests load PGlite (about a second) or create a PostgreSQL database per file.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 120_000, include: ['src/**/*.test.ts'] },
});
