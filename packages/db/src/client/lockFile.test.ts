import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from './lockFile.js';

describe('PGlite data directory lock', () => {
  it('refuses a second owner in the same process and frees the directory on release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-lock-'));
    const release = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    release();
    expect(existsSync(join(dir, 'cascade.lock'))).toBe(false);
    acquireDataDirLock(dir)();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-lock-'));
    writeFileSync(join(dir, 'cascade.lock'), '999999999');
    const release = acquireDataDirLock(dir);
    release();
  });

  it('gives a second process a clear error naming the owner', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cascade-lock-'));
    const release = acquireDataDirLock(dir);
    try {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', `import { createDb } from '@cascade/db'; await createDb(${JSON.stringify(dir)});`],
        { encoding: 'utf8', cwd: new URL('../..', import.meta.url).pathname },
      );
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain(`is in use by process ${process.pid}`);
    } finally {
      release();
    }
  });
});
