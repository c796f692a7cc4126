import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { generateGridsAndHouseholds, importDivisions, type Engine } from '@cascade/engine';
import { LEVELS, type TemplateDefinitionInput } from '@cascade/workflow';
import { DAILY_FORM } from '../data/dailyAnswers.js';
import { issuingProvince } from '../harness/issuingProvince.js';
import { rowsOf } from '../harness/rows.js';
import type { WorldInfo, WorldSpec } from './protocol.js';

export const WORLD_PASSWORD = 'bench-password-2026';
export const REPORT_STAGE = 'daily';

/** The cascade template with what grids do every day: the daily report, due 20:00, reminded at 18:00. */
export const reportWorldTemplate: TemplateDefinitionInput = {
  key: 'bench-daily-report',
  name: { zh: '全省网格每日报告', en: 'Province-wide daily grid report' },
  chain: [...LEVELS],
  stages: {
    issue: { levels: { city: { autoForward: true }, county: { autoForward: true }, township: { autoForward: true }, village: { autoForward: true } } },
    report: [
      {
        id: REPORT_STAGE,
        name: { zh: '每日疫情防控报告', en: 'Daily epidemic-control report' },
        form: { key: DAILY_FORM.key, version: 1 },
        level: 'grid',
        period: 'daily',
        dueTime: '20:00',
        remindBeforeHours: 2,
      },
    ],
  },
};

type GridRow = { id: string; county: string; township: string };

/** Which grids each throughput client and the bare baseline take, kept for `plan` once tasks exist. */
export type Allocation = { clientGrids: string[][]; bareGrids: string[]; reps: number; eventsPerRep: number; clients: number };

/**
 * Grids, largest counties first, cut into one contiguous slice per throughput client (so a client's
 * grants are one or two counties); the bare baseline takes grids outside those slices and outside the
 * load users' townships where there are enough, so the three never write the same task.
 */
export function allocate(grids: GridRow[], spec: Pick<WorldSpec, 'clients' | 'reps' | 'eventsPerRep' | 'loadUsers'>) {
  const countySize = new Map<string, number>();
  const townshipSize = new Map<string, number>();
  for (const g of grids) {
    countySize.set(g.county, (countySize.get(g.county) ?? 0) + 1);
    townshipSize.set(g.township, (townshipSize.get(g.township) ?? 0) + 1);
  }
  const ordered = [...grids].sort((a, b) => (countySize.get(b.county) ?? 0) - (countySize.get(a.county) ?? 0) || a.county.localeCompare(b.county) || a.id.localeCompare(b.id));
  const perClient = Math.ceil((spec.reps * spec.eventsPerRep) / spec.clients);
  const needed = perClient * spec.clients + spec.reps * spec.eventsPerRep;
  if (grids.length < needed) throw new Error(`bench: ${grids.length} grids cannot give ${spec.clients} clients and the bare baseline ${needed} report tasks; lower --events`);
  const clientGrids = Array.from({ length: spec.clients }, (_, k) => ordered.slice(k * perClient, (k + 1) * perClient));
  const taken = new Set(clientGrids.flat().map((g) => g.id));
  const clientCounties = new Set(clientGrids.flat().map((g) => g.county));
  // Load users: the largest townships away from the throughput counties; shared only when too few.
  const townships = [...townshipSize.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => id);
  const townshipCounty = new Map(grids.map((g) => [g.township, g.county]));
  const free = townships.filter((t) => !clientCounties.has(townshipCounty.get(t) ?? ''));
  const pool = free.length >= spec.loadUsers ? free : townships;
  const loadTownships = Array.from({ length: spec.loadUsers }, (_, i) => pool[i % pool.length] as string);
  const loadSet = new Set(loadTownships);
  const rest = ordered.filter((g) => !taken.has(g.id));
  const away = rest.filter((g) => !loadSet.has(g.township));
  const bareSource = away.length >= spec.reps * spec.eventsPerRep ? away : rest;
  const bareGrids = bareSource.slice(-spec.reps * spec.eventsPerRep).map((g) => g.id);
  return {
    clientGrids: clientGrids.map((slice) => slice.map((g) => g.id)),
    clientCounties: clientGrids.map((slice) => [...new Set(slice.map((g) => g.county))]),
    loadTownships,
    bareGrids,
  };
}

async function withConcurrency<T>(items: T[], limit: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

/**
 * Imports the tree and its grids, publishes the daily form and the template as a province admin, and
 * creates the grid-staff users, all through the product's engine. The directive itself is issued by
 * the harness over HTTP, so the server does the cascade as it would for a user.
 */
export async function setUpWorld(engine: Engine, db: Database, spec: WorldSpec): Promise<{ info: WorldInfo; allocation: Allocation }> {
  const start = performance.now();
  const imported = await importDivisions(db, spec.csv);
  const { grids } = await generateGridsAndHouseholds(db, { gridsPerVillage: spec.gridsPerVillage, householdsPerGrid: 0, seed: 'bench' });
  const province = await issuingProvince(db);
  const admin = 'bench-admin';
  const { userId: adminId } = await engine.createUserWithRole(null, { username: admin, displayName: '省级管理员(压测)', password: WORLD_PASSWORD, role: 'admin', orgUnitId: province.id });
  const form = await engine.saveFormDraft(adminId, province.id, DAILY_FORM);
  await engine.publishForm(adminId, form.id);
  const template = await engine.saveTemplateDraft(adminId, { ownerUnitId: province.id, definition: reportWorldTemplate });
  await engine.publishTemplate(adminId, template.id);

  const gridRows = rowsOf<GridRow>(
    await db.execute(sql`
      select g.id, c.id as county, t.id as township from org_units g
      join org_units v on v.id = g.parent_id join org_units t on t.id = v.parent_id join org_units c on c.id = t.parent_id
      where g.level = 'grid'`),
  );
  const plan = allocate(gridRows, spec);
  const throughputUsers = plan.clientCounties.map((counties, k) => ({ username: `bench-client-${k + 1}`, unitId: counties[0] as string, counties }));
  const loadUsers = plan.loadTownships.map((township, k) => ({ username: `bench-load-${k + 1}`, unitId: township }));
  // scrypt makes each user cost ~50 ms of CPU; a few at a time keeps PostgreSQL busy meanwhile.
  await withConcurrency(throughputUsers, 4, async (u) => {
    const { userId } = await engine.createUserWithRole(adminId, { username: u.username, displayName: u.username, password: WORLD_PASSWORD, role: 'grid_staff', orgUnitId: u.counties[0] as string });
    for (const county of u.counties.slice(1)) await engine.grantRole(adminId, { userId, role: 'grid_staff', orgUnitId: county });
  });
  await withConcurrency(loadUsers, 4, async (u) => {
    await engine.createUserWithRole(adminId, { username: u.username, displayName: u.username, password: WORLD_PASSWORD, role: 'grid_staff', orgUnitId: u.unitId });
  });
  return {
    info: {
      password: WORLD_PASSWORD,
      admin,
      provinceId: province.id,
      templateVersionId: template.id,
      stageId: REPORT_STAGE,
      throughputUsers: throughputUsers.map(({ username, unitId }) => ({ username, unitId })),
      loadUsers,
      units: imported.inserted,
      grids,
      setupSeconds: (performance.now() - start) / 1000,
    },
    allocation: { clientGrids: plan.clientGrids, bareGrids: plan.bareGrids, reps: spec.reps, eventsPerRep: spec.eventsPerRep, clients: spec.clients },
  };
}
