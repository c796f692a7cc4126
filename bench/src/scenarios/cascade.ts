import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { createEngine, fixedClock, type Engine } from '@cascade/engine';
import { LEVELS, type TemplateDefinitionInput } from '@cascade/workflow';
import { timed } from '../harness/measure.js';
import { countingInstanceInserts, type InsertCounter } from '../harness/progress.js';
import { rowsOf } from '../harness/database.js';
import { issuingProvince } from '../harness/issuingProvince.js';

export const CASCADE_START = new Date('2026-03-22T01:00:00Z');
const CHUNK = 500;

/** Province → city → county → township → village → grid, every level that can forward doing so at once. */
export const cascadeTemplate: TemplateDefinitionInput = {
  key: 'bench-cascade',
  name: { zh: '全省逐级自动转发', en: 'Province-wide auto-forwarded directive' },
  chain: [...LEVELS],
  stages: { issue: { levels: { city: { autoForward: true }, county: { autoForward: true }, township: { autoForward: true }, village: { autoForward: true } } } },
};

export type CascadeSetup = { engine: Engine; counter: InsertCounter; adminId: string; provinceId: string; templateVersionId: string; expectedReceipts: number };

/** A province admin and the published template, on a database that already holds the tree with grids. */
export async function setUpCascade(db: Database, log: (line: string) => void = () => {}): Promise<CascadeSetup> {
  const province = await issuingProvince(db);
  const counter = countingInstanceInserts(db, (n, seconds) => log(`  cascade: ${n} instances written after ${seconds.toFixed(0)} s`));
  const engine = createEngine({ db: counter.db, clock: fixedClock(CASCADE_START) });
  const { userId } = await engine.createUserWithRole(null, { username: 'bench-province-admin', displayName: 'bench', password: 'bench-password-2026', role: 'admin', orgUnitId: province.id });
  const draft = await engine.saveTemplateDraft(userId, { ownerUnitId: province.id, definition: cascadeTemplate });
  await engine.publishTemplate(userId, draft.id);
  const [count] = rowsOf<{ n: number | string }>(
    await db.execute(sql`select count(*) as n from org_units where path like ${`${province.path}/%`} and level in ('city', 'county', 'township', 'village', 'grid')`),
  );
  return { engine, counter, adminId: userId, provinceId: province.id, templateVersionId: draft.id, expectedReceipts: Number(count?.n ?? 0) };
}

export type CascadeRep = { seconds: number; bareSeconds: number; receipts: number; instances: number; historyRows: number; byLevel: Record<string, number>; statements: Record<string, number> };

/**
 * Issues one directive and waits for the command to return: the engine creates every receipt down to
 * the grids in that one transaction, so on return all of them exist. Checks that each receipt has its
 * first history row, then stores the same instance and history rows again by bare multi-row INSERT
 * (500 rows a statement, as the engine batches) into scratch copies of the tables, in one transaction.
 */
export async function cascadeRep(db: Database, setup: CascadeSetup, rep: number, log: (line: string) => void): Promise<CascadeRep> {
  const before = setup.counter.counts().statements;
  setup.counter.restartClock();
  const issued = await timed(() =>
    setup.engine.issueDirective(setup.adminId, {
      templateVersionId: setup.templateVersionId,
      issuingUnitId: setup.provinceId,
      title: `bench ${rep}`,
      body: 'bench',
      requirements: [],
      deadline: new Date(CASCADE_START.getTime() + 7 * 86_400_000),
    }),
  );
  const { directiveId } = issued.value;
  const after = setup.counter.counts().statements;
  const statements = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => (v as number) > 0));
  const levels = rowsOf<{ machine: string; n: number | string; with_history: number | string }>(
    await db.execute(sql`
      select i.machine, count(*) as n, count(h.instance_id) as with_history from instances i
      left join history h on h.instance_id = i.id and h.seq = 1
      where i.directive_id = ${directiveId} and i.kind = 'receipt' group by i.machine`),
  );
  const byLevel = Object.fromEntries(levels.map((l) => [l.machine.replace('receipt:', ''), Number(l.n)]));
  const receipts = levels.reduce((sum, l) => sum + Number(l.n), 0);
  const withHistory = levels.reduce((sum, l) => sum + Number(l.with_history), 0);
  if (receipts !== setup.expectedReceipts || withHistory !== receipts) {
    throw new Error(`bench: directive ${directiveId} has ${receipts} receipts (${withHistory} with history), expected ${setup.expectedReceipts}`);
  }
  log(`  cascade rep ${rep}: ${receipts} receipts in ${issued.seconds.toFixed(2)} s (${Object.entries(byLevel).map(([k, v]) => `${k} ${v}`).join(', ')}); statements: ${JSON.stringify(statements)}`);

  const instanceRows = rowsOf<{ r: Record<string, unknown> }>(await db.execute(sql`select to_jsonb(i) as r from instances i where i.directive_id = ${directiveId}`)).map((x) => x.r);
  const historyRows = rowsOf<{ r: Record<string, unknown> }>(
    await db.execute(sql`select to_jsonb(h) - 'id' as r from history h join instances i on i.id = h.instance_id where i.directive_id = ${directiveId}`),
  ).map((x) => x.r);
  await db.execute(sql`create table if not exists bench_instances (like instances including all)`);
  await db.execute(sql`create table if not exists bench_history (like history including all)`);
  await db.execute(sql`truncate bench_instances, bench_history`);
  const bare = await timed(() => bareInsertInstances(db, instanceRows, historyRows));
  return { seconds: issued.seconds, bareSeconds: bare.seconds, receipts, instances: instanceRows.length, historyRows: historyRows.length, byLevel, statements };
}

const INSTANCE_COLUMNS = ['id', 'kind', 'machine', 'directive_id', 'parent_id', 'org_unit_id', 'subject_user_id', 'template_version_id', 'state', 'snapshot', 'version', 'created_at', 'updated_at'];
const HISTORY_COLUMNS = ['instance_id', 'seq', 'event_type', 'payload', 'actor_id', 'from_state', 'to_state', 'at', 'template_version_id', 'prev_hash', 'hash'];

/** A row value as a query parameter: jsonb columns go as their JSON text. */
const param = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);

function insertStatement(table: string, columns: string[], rows: Array<Record<string, unknown>>) {
  const values = rows.map((r) => sql`(${sql.join(columns.map((c) => sql`${param(r[c])}`), sql`, `)})`);
  return sql`insert into ${sql.identifier(table)} (${sql.join(columns.map((c) => sql.identifier(c)), sql`, `)}) values ${sql.join(values, sql`, `)}`;
}

/** The baseline: the rows alone, multi-row INSERTs, one transaction. */
export async function bareInsertInstances(db: Database, instanceRows: Array<Record<string, unknown>>, historyRows: Array<Record<string, unknown>>): Promise<void> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < instanceRows.length; i += CHUNK) await tx.execute(insertStatement('bench_instances', INSTANCE_COLUMNS, instanceRows.slice(i, i + CHUNK)));
    for (let i = 0; i < historyRows.length; i += CHUNK) await tx.execute(insertStatement('bench_history', HISTORY_COLUMNS, historyRows.slice(i, i + CHUNK)));
  });
}
