import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formVersions, history, instances, orgUnits, templateVersions } from '../schema/index.js';
import { createTestDatabase, testBackends } from '../testing/index.js';
import { rowsOf } from '../queries/rowsOf.js';
import { createDb } from './createDb.js';
import type { DbHandle } from './database.js';
import { migrate } from './migrate.js';

describe('a PGlite data directory', () => {
  it('keeps committed data across a close and reopen', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-db-')), 'pglite');
    const first = await createDb(dir);
    await migrate(first);
    await first.db.insert(orgUnits).values({ code: '51', name: '四川省', level: 'province', depth: 0, path: '51' });
    await first.close();
    const second = await createDb(dir);
    await migrate(second);
    const rows = await second.db.select().from(orgUnits);
    await second.close();
    expect(rows.map((r) => r.name)).toEqual(['四川省']);
  });

  it('starts with a 32MB buffer pool unless told another size', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cascade-db-')), 'pglite');
    const byDefault = await createDb(dir);
    const shown = await byDefault.db.execute(sql`show shared_buffers`);
    await byDefault.close();
    const sized = await createDb(dir, { pgliteSharedBuffers: '16MB' });
    const shownSized = await sized.db.execute(sql`show shared_buffers`);
    await sized.close();
    const inMemory = await createDb('memory://', { pgliteSharedBuffers: '512kB' });
    const shownInMemory = await inMemory.db.execute(sql`show shared_buffers`);
    await inMemory.close();
    const value = (result: unknown) => (result as { rows: Array<{ shared_buffers: string }> }).rows[0]?.shared_buffers;
    expect([value(shown), value(shownSized), value(shownInMemory)]).toEqual(['32MB', '16MB', '512kB']);
  });

  it('refuses a buffer pool size it cannot use, naming the option, before touching the directory', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'cascade-db-'));
    for (const size of ['32', '32 MB', '64kB', '2GB', '0MB', '1.5GB']) {
      await expect(createDb(join(parent, 'pglite'), { pgliteSharedBuffers: size })).rejects.toThrow(
        `pgliteSharedBuffers: "${size}" must be a whole number followed by kB, MB or GB, from 128kB to 1GB`,
      );
    }
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe.each(testBackends())('schema invariants on %s', (backend) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
  });
  afterAll(async () => handle?.close());

  it('refuses to change a published form version, but lets a draft change', async () => {
    const [unit] = await handle.db.insert(orgUnits).values({ code: '43', name: '湖南省', level: 'province', depth: 0, path: '43' }).returning();
    const [form] = await handle.db
      .insert(formVersions)
      .values({ key: 'f', version: 1, ownerUnitId: unit!.id, definition: { a: 1 } })
      .returning();
    await handle.db.update(formVersions).set({ definition: { a: 2 } }).where(eq(formVersions.id, form!.id));
    await handle.db.update(formVersions).set({ publishedAt: new Date() }).where(eq(formVersions.id, form!.id));
    await expect(handle.db.update(formVersions).set({ definition: { a: 3 } }).where(eq(formVersions.id, form!.id))).rejects.toThrow();
    const [after] = await handle.db.select().from(formVersions).where(eq(formVersions.id, form!.id));
    expect(after?.definition).toEqual({ a: 2 });
  });

  it('refuses updates and deletes of history rows', async () => {
    const [unit] = await handle.db.insert(orgUnits).values({ code: '44', name: '广东省', level: 'province', depth: 0, path: '44' }).returning();
    const [template] = await handle.db.insert(templateVersions).values({ key: 't', version: 1, ownerUnitId: unit!.id, definition: {} }).returning();
    const now = new Date();
    const [instance] = await handle.db
      .insert(instances)
      .values({ kind: 'directive', machine: 'directive', templateVersionId: template!.id, state: 'issued', snapshot: {}, version: 1, createdAt: now, updatedAt: now })
      .returning();
    await handle.db.insert(history).values({ instanceId: instance!.id, seq: 1, eventType: 'xstate.init', payload: {}, toState: 'issued', at: now.toISOString(), templateVersionId: template!.id, hash: 'h' });
    await expect(handle.db.execute(sql`update history set event_type = 'x'`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from history`)).rejects.toThrow();
    const rows = await handle.db.select().from(history);
    expect(rows.map((r) => r.eventType)).toEqual(['xstate.init']);
  });

  it('builds no planner statistics for jsonb columns: they are documents no statement filters on', async () => {
    const rows = rowsOf(
      await handle.db.execute(sql`
        select c.relname || '.' || a.attname as col, a.attstattarget::int as target
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.atttypid = 'jsonb'::regtype and a.attnum > 0 and not a.attisdropped
        order by 1`),
    ) as Array<{ col: string; target: number | null }>;
    expect(rows.length).toBeGreaterThanOrEqual(14);
    expect(rows.filter((r) => r.target !== 0)).toEqual([]);
  });
});
