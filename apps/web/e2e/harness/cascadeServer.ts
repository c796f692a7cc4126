import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../server/src/cli.ts', import.meta.url));

export type CascadeServer = { url: string; logs: () => string; stop: () => Promise<void> };

/** A real cascade server on a fresh in-memory PGlite, seeded with the demo, serving the built web
 * app (apps/web/dist) on a free port. Its output is kept for the failure message. */
export async function startCascade(options: { demo?: boolean; timeScale?: number } = {}): Promise<CascadeServer> {
  const args = ['--import', 'tsx', CLI, 'start', '--db', 'memory://', '--port', '0'];
  if (options.demo ?? true) args.push('--demo');
  if (options.timeScale) args.push('--time-scale', String(options.timeScale));
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, DATABASE_URL: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start within 90 s:\n${output}`)), 90_000);
    const check = () => {
      const match = /serving on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    logs: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
