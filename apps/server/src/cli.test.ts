import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb } from '@cascade/db';

const exec = promisify(execFile);
const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const cwd = fileURLToPath(new URL('..', import.meta.url));

/** Runs the CLI as a user would, in its own process; resolves with the exit code instead of throwing. */
async function cascade(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', cli, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the command line', () => {
  it('explains itself', async () => {
    const help = await cascade('--help');
    expect(help.stdout).toContain('import-divisions');
    expect(help.stdout).toContain('audit');
  });

  it('refuses a malformed divisions CSV naming the line and rule, and imports nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-cli-')), 'pglite');
    const csv = join(dir, '..', 'bad.csv');
    writeFileSync(csv, 'code,name,level,parentCode,path\n51,四川省,1,,51\n5101x,成都市,2,51,51/5101x\n');
    const result = await cascade('import-divisions', csv, '--db', dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 3.code [pattern]');
    expect(result.stderr).toContain('第 3 行');
    const handle = await createDb(dir);
    try {
      const rows = await handle.db.execute(sql`select count(*)::int as n from org_units`);
      expect((rows as unknown as { rows: Array<{ n: number }> }).rows[0]?.n).toBe(0);
    } finally {
      await handle.close();
    }
  });

  it('verifies the demo history, then names the row someone edited in SQL', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-cli-')), 'pglite');
    expect((await cascade('seed', 'demo', '--db', dir)).code).toBe(0);
    const clean = await cascade('audit', 'verify', '--db', dir);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('audit verify: OK');
    const handle = await createDb(dir);
    let tampered: number;
    try {
      await handle.db.execute(sql`alter table history disable trigger history_append_only`);
      const result = await handle.db.execute(sql`update history set payload = '{"reason":"改过"}' where id = (select min(id) from history where event_type = 'FORWARD') returning id`);
      tampered = (result as unknown as { rows: Array<{ id: number }> }).rows[0]!.id;
      await handle.db.execute(sql`alter table history enable trigger history_append_only`);
    } finally {
      await handle.close();
    }
    const broken = await cascade('audit', 'verify', '--db', dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`first bad row: history id ${tampered}`);
  });
});
