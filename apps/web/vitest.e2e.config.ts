import { defineConfig } from 'vitest/config';

// Browser tests: one real server and one Chromium per file, files one after another (2-core CI).
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/globalSetup.ts'],
    setupFiles: ['e2e/harness/failureShots.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Polls wait on a server and a browser sharing two cores with the rest of CI; 1 s (the default)
    // is too short for a sign-in round trip there, and a longer wait only delays a real failure.
    expect: { poll: { timeout: 10_000 } },
  },
});
