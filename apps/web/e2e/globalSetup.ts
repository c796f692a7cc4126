import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The server serves apps/web/dist: build it once, from the current source, before any test. */
export function setup(): void {
  const web = fileURLToPath(new URL('../', import.meta.url));
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
}
