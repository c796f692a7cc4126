import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { initDataDir, isInitialised } from './initDataDir.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'cascade-init-'));

describe('initDataDir', () => {
  it('makes a new directory that PGlite then opens without running initdb again', async () => {
    const dir = join(scratch(), 'pglite');
    expect(isInitialised(dir)).toBe(false);
    await initDataDir(dir);
    expect(isInitialised(dir)).toBe(true);
    const versionWritten = statSync(join(dir, 'PG_VERSION')).mtimeMs;

    const db = await PGlite.create(dir);
    const { rows } = await db.query<{ one: number }>('select 1 as one');
    await db.close();
    expect(rows).toEqual([{ one: 1 }]);
    expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(versionWritten);
  });

  it('leaves an initialised directory as it is', async () => {
    const dir = join(scratch(), 'pglite');
    await initDataDir(dir);
    const before = readdirSync(dir).sort();
    const versionWritten = statSync(join(dir, 'PG_VERSION')).mtimeMs;
    await initDataDir(dir);
    expect(readdirSync(dir).sort()).toEqual(before);
    expect(statSync(join(dir, 'PG_VERSION')).mtimeMs).toBe(versionWritten);
  });

  it('names the directory and passes on the reason when it cannot make it', async () => {
    const file = join(scratch(), 'not-a-directory');
    writeFileSync(file, 'x');
    await expect(initDataDir(join(file, 'pglite'))).rejects.toThrow(/could not initialise the data directory .*not-a-directory\/pglite \(exit 1\): .+/s);
  });
});
