/* global process, console */
// Runs the browser tests when Debian's Chromium is here. In CI its absence is a failure; on a
// developer's machine the suite says it did not run and how to make it run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const message = `browser tests: ${chromium} is missing (apt-get install -y chromium)`;
  if (process.env.CI) {
    console.error(`FAIL ${message}`);
    process.exit(1);
  }
  console.log(`${message}: the e2e suite did NOT run`);
  process.exit(0);
}
const result = spawnSync('npx', ['vitest', 'run', '-c', 'vitest.e2e.config.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
