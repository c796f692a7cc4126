import { sql, type SQL } from 'drizzle-orm';
import { nextTurn, orgUnits } from '@cascade/db';
import type { Effect, Level } from '@cascade/workflow';
import type { CommandContext } from './commandContext.js';
import { createLevel, type InstanceSpec } from './createInstances.js';
import type { InstanceRow } from './instanceRow.js';
import { packUuids, uuidAt } from './packedUuids.js';
import { rowsOf } from './rowsOf.js';

/**
 * What a fan-out needs of its forwarding instance. A level's forwarders are all held until the next
 * level exists (34,412 villages for Sichuan's grids), so they keep these four fields, not the row.
 */
export type Forwarder = Pick<InstanceRow, 'id' | 'directiveId' | 'templateVersionId' | 'orgUnitId'>;

export type FanOutItem = { forwarder: Forwarder; effect: Extract<Effect, { type: 'fanOut' }> };

export const forwarderOf = ({ id, directiveId, templateVersionId, orgUnitId }: Forwarder): Forwarder => ({ id, directiveId, templateVersionId, orgUnitId });

/**
 * The units of the next chain level under every forwarding unit, in one statement: each forwarder's
 * subtree is one range scan of the path index (`path` from "<its path>/" up to "<its path>0", '0'
 * being the character after '/'), filtered to the level. Ordered by forwarder, then by path.
 */
async function targetsOf(ctx: CommandContext, items: FanOutItem[]): Promise<Targets> {
  const forwarders = items.map(({ forwarder, effect }, item) => {
    if (!forwarder.orgUnitId) throw new Error(`instance ${forwarder.id} has no org unit to fan out from`);
    return { item, unit: forwarder.orgUnitId, level: effect.toLevel };
  });
  const rows = rowsOf<{ item: number; id: string }>(await ctx.tx.execute(targetsStatement(forwarders)));
  return { items: Int32Array.from(rows, (r) => r.item), units: packUuids(rows.map((r) => r.id)) };
}

/** The units of a level, each with the index of its forwarder; held packed while the level is created. */
type Targets = { items: Int32Array; units: Buffer };

/**
 * OFFSET 0 keeps the subquery a range scan per forwarder. Without it the planner pulls the subquery
 * up and, believing jsonb_to_recordset's ~100 rows, hashes the forwarders by level and tests every
 * unit of that level against every forwarder's range: 34,412 villages × 103,236 grids for Sichuan,
 * minutes on PostgreSQL and PGlite alike. The level is filtered outside for the same reason: inside,
 * it is ANDed with the level index, which reads every unit of the level once per forwarder.
 */
export function targetsStatement(forwarders: Array<{ item: number; unit: string; level: string }>): SQL {
  return sql`
    select f.item, c.id
    from jsonb_to_recordset(${JSON.stringify(forwarders)}::jsonb) as f(item int, unit uuid, level text)
    join ${orgUnits} p on p.id = f.unit
    cross join lateral (
      select c.id, c.path, c.level from ${orgUnits} c
      where c.path ~>=~ (p.path || '/') and c.path ~<~ (p.path || '0')
      offset 0
    ) c
    where c.level = f.level
    order by f.item, c.path`;
}

/**
 * Receipts for every unit of the next chain level under each forwarding unit, created as one batch,
 * then the level after it from the fan-outs those ask for: whole levels at a time, every receipt of
 * one level before any of the next. Only the level being created and the forwarders of the next are
 * held at once. Progress is counted per directive and level as the batch's chunks complete.
 */
export async function fanOut(ctx: CommandContext, items: FanOutItem[]): Promise<void> {
  let level = items;
  while (level.length > 0) level = await fanOutLevel(ctx, level);
}

const levelOf = (machine: string) => machine.slice('receipt:'.length);

/** One level of receipts under `items`' forwarders; returns the fan-outs of the level they make. */
async function fanOutLevel(ctx: CommandContext, items: FanOutItem[]): Promise<FanOutItem[]> {
  const targets = await targetsOf(ctx, items);
  const expected = new Map<string, { directiveId: string; level: string; n: number }>();
  for (const { forwarder, effect } of items) {
    // Every forwarder's level is announced, even one with no units below it.
    const key = `${forwarder.directiveId}|${effect.toLevel}`;
    if (!expected.has(key)) expected.set(key, { directiveId: forwarder.directiveId as string, level: effect.toLevel, n: 0 });
  }
  for (const item of targets.items) {
    const { forwarder, effect } = items[item] as FanOutItem;
    (expected.get(`${forwarder.directiveId}|${effect.toLevel}`) as { n: number }).n++;
  }
  for (const { directiveId, level, n } of expected.values()) ctx.fanOut.expect(directiveId, level, n);
  // A turn, so the counts just told reach the network before the level is written.
  await nextTurn();
  const specs = function* (): Generator<InstanceSpec> {
    for (let i = 0; i < targets.items.length; i++) {
      const { forwarder, effect } = items[targets.items[i] as number] as FanOutItem;
      yield { machine: `receipt:${effect.toLevel as Level}`, templateVersionId: forwarder.templateVersionId, directiveId: forwarder.directiveId, parentId: forwarder.id, orgUnitId: uuidAt(targets.units, i), input: effect.input };
    }
  };
  return createLevel(ctx, specs(), async (rows) => {
    const counts = new Map<string, { directiveId: string; level: string; n: number }>();
    for (const row of rows) {
      const key = `${row.directiveId}|${row.machine}`;
      const entry = counts.get(key) ?? { directiveId: row.directiveId as string, level: levelOf(row.machine), n: 0 };
      entry.n++;
      counts.set(key, entry);
    }
    for (const { directiveId, level, n } of counts.values()) ctx.fanOut.advance(directiveId, level, n);
    await nextTurn();
  });
}
