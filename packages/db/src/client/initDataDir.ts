import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** Postgres writes PG_VERSION once initdb has made a directory; without it PGlite would run initdb. */
export function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, 'PG_VERSION'));
}

// CommonJS so the child needs no loader: PGlite's require entry, found from this package.
const CHILD = `
const { PGlite } = require(process.argv[1]);
PGlite.create(process.argv[2])
  .then((db) => db.close())
  .catch((error) => { console.error(error && error.stack ? error.stack : String(error)); process.exit(1); });
`;

/**
 * Makes a new PGlite data directory in a short-lived child process. initdb runs inside whichever
 * process first opens a directory and grows its WebAssembly memory, which never shrinks: a server
 * that made its directory itself would carry that for its whole life (measured on a first open and
 * one query: 855–890 MB resident in-process, 396–404 MB with the child). The caller holds the
 * directory's lock: the child is its helper, not a second owner.
 */
export async function initDataDir(dataDir: string): Promise<void> {
  if (isInitialised(dataDir)) return;
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const stderr: Buffer[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', CHILD, entry, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0 || !isInitialised(dataDir)) {
    throw new Error(`PGlite: could not initialise the data directory ${dataDir} (exit ${code}): ${Buffer.concat(stderr).toString().trim()}`);
  }
}
