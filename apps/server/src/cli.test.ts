import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createDb, queries } from '@cascade/db';
import { createEngine, JINJIANG_FIXTURE_PATH } from '@cascade/engine';

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

  it.each([
    ['--heap-growth', ['-5', '301', '12.5', 'lots'], '--heap-growth must be a whole number of percent from 0 to 300'],
    ['--pglite-shared-buffers', ['32', '64kB', '2GB', 'big'], '--pglite-shared-buffers must be a whole number followed by kB, MB or GB, from 128kB to 1GB'],
  ])('refuses a %s it cannot use before opening any database', async (option, values, message) => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-cli-')), 'pglite');
    for (const value of values) {
      const result = await cascade('start', option, value, '--db', dir, '--port', '0');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(message);
    }
    expect(existsSync(dir)).toBe(false);
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

  it('audit verify --directive checks that directive, and refuses an id that is not one', { timeout: 300_000 }, async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-cli-')), 'pglite');
    expect((await cascade('seed', 'demo', '--db', dir)).code).toBe(0);
    const handle = await createDb(dir);
    let directiveId: string;
    let instances: number;
    try {
      const rows = await handle.db.execute(sql`select id::text as id, (select count(*)::int from instances i where i.directive_id = d.id) as n from directives d`);
      const [demo] = (rows as unknown as { rows: Array<{ id: string; n: number }> }).rows;
      directiveId = demo!.id;
      instances = demo!.n;
    } finally {
      await handle.close();
    }
    const one = await cascade('audit', 'verify', '--directive', directiveId, '--db', dir);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`checked ${instances} instances`);
    expect(one.stdout).toContain('audit verify: OK');
    const unknown = await cascade('audit', 'verify', '--directive', '3f1c2a9e-0b7d-4c55-9a1e-5d2f8e6b4a10', '--db', dir);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).not.toContain('OK');
    expect(unknown.stderr.trim()).toBe('--directive [exists]: 通知 3f1c2a9e-0b7d-4c55-9a1e-5d2f8e6b4a10 不存在 / directive 3f1c2a9e-0b7d-4c55-9a1e-5d2f8e6b4a10 does not exist');
    const malformed = await cascade('audit', 'verify', '--directive', "1' or '1'='1", '--db', dir);
    expect(malformed.code).toBe(1);
    expect(malformed.stderr.trim()).toBe("--directive [uuid]: 通知编号 1' or '1'='1 格式不正确,应为 UUID / directive id 1' or '1'='1 is not a UUID");
    expect(malformed.stderr).not.toMatch(/syntax|select|invalid input/i);
  });
});

describe('setting up a database from the command line', () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'cascade-cli-')), 'pglite');
  const count = async (table: 'org_units' | 'users' | 'role_grants') => {
    const handle = await createDb(dir);
    try {
      const rows = await handle.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
      return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    } finally {
      await handle.close();
    }
  };

  it('migrate creates the schema in a new data directory, and a second run changes nothing', { timeout: 300_000 }, async () => {
    const first = await cascade('migrate', '--db', dir);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(`migrated ${dir}`);
    expect(await count('org_units')).toBe(0);
    const again = await cascade('migrate', '--db', dir);
    expect(again.code).toBe(0);
    expect(await count('org_units')).toBe(0);
  });

  it('import-divisions loads the Jinjiang district, and importing it again adds nothing', { timeout: 300_000 }, async () => {
    const result = await cascade('import-divisions', JINJIANG_FIXTURE_PATH, '--db', dir);
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe('imported 90 units (0 already present)');
    expect(await count('org_units')).toBe(90);
    const again = await cascade('import-divisions', JINJIANG_FIXTURE_PATH, '--db', dir);
    expect(again.stdout.trim()).toBe('imported 0 units (90 already present)');
    expect(await count('org_units')).toBe(90);
  });

  it('create-user makes someone who can sign in with the role over the unit', { timeout: 300_000 }, async () => {
    const result = await cascade('create-user', '--username', 'chunxi-admin', '--name', '春熙路街道 孙书记', '--password', 'spring-street-2026', '--role', 'admin', '--unit', '510104022', '--db', dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created chunxi-admin \([0-9a-f-]{36}\) as admin of 春熙路街道\n$/);
    const handle = await createDb(dir);
    try {
      const engine = createEngine({ db: handle.db });
      const { token } = await engine.login('chunxi-admin', 'spring-street-2026');
      const principal = await engine.resolveSession(token);
      const unit = await queries.getOrgUnitByCode(handle.db, '510104022');
      expect(principal?.grants.map((g) => [g.role, g.path])).toEqual([['admin', unit!.path]]);
    } finally {
      await handle.close();
    }
  });

  it('create-user refuses an unknown unit, a taken name and a short password in one line each, creating no one', { timeout: 300_000 }, async () => {
    const before = [await count('users'), await count('role_grants')];
    const base = ['create-user', '--name', '某人', '--role', 'grid_staff', '--db', dir];
    const unknownUnit = await cascade(...base, '--username', 'nobody', '--password', 'long-enough-1', '--unit', '999999');
    expect(unknownUnit.code).toBe(1);
    expect(unknownUnit.stderr.trim()).toBe('--unit [exists]: 没有代码为 999999 的组织单位(先用 import-divisions 导入) / no org unit with code 999999 (import it with import-divisions first)');
    expect(unknownUnit.stderr + unknownUnit.stdout).not.toContain('Usage');
    const taken = await cascade(...base, '--username', 'chunxi-admin', '--password', 'long-enough-1', '--unit', '510104022');
    expect(taken.code).toBe(1);
    expect(taken.stderr.trim()).toBe('username [unique]: 用户名 chunxi-admin 已存在 / username chunxi-admin is taken');
    const short = await cascade(...base, '--username', 'short-pw', '--password', 'short', '--unit', '510104022');
    expect(short.code).toBe(1);
    expect(short.stderr.trim()).toBe('password [minLength]: 密码至少 8 位 / the password needs at least 8 characters');
    expect([await count('users'), await count('role_grants')]).toEqual(before);
  });
});
