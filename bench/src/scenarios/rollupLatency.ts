import type { TrpcHttp } from '../load/trpcHttp.js';

export const ROLLUP_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

type RollupReply = { expected: number; received: number; missing: number; children: unknown[] };

/**
 * `reports.rollup` through the server as a province admin would call it, one call at a time:
 * `queries` calls per level, cycling over that level's units. Returns each call's latency.
 */
export async function rollupRep(
  client: TrpcHttp,
  input: { directiveId: string; stageId: string; periodKey: string; units: Record<RollupLevel, string[]>; queries: number },
): Promise<Record<RollupLevel, number[]>> {
  const out = { province: [], city: [], county: [], township: [] } as Record<RollupLevel, number[]>;
  for (const level of ROLLUP_LEVELS) {
    const units = input.units[level];
    if (units.length === 0) throw new Error(`bench: no ${level} to ask the roll-up about`);
    for (let i = 0; i < input.queries; i++) {
      const call = await client.query<RollupReply>('reports.rollup', { directiveId: input.directiveId, stageId: input.stageId, periodKey: input.periodKey, unitId: units[i % units.length] });
      if (!call.ok) throw new Error(`bench: roll-up of a ${level} failed (${call.status}): ${call.message}`);
      out[level].push(call.ms);
    }
  }
  return out;
}

/** The province's roll-up must count every grid's report once the day is filled in. */
export async function checkProvinceRollup(client: TrpcHttp, input: { directiveId: string; stageId: string; periodKey: string; provinceId: string; grids: number }): Promise<RollupReply> {
  const call = await client.query<RollupReply>('reports.rollup', { directiveId: input.directiveId, stageId: input.stageId, periodKey: input.periodKey, unitId: input.provinceId });
  if (!call.ok) throw new Error(`bench: province roll-up failed (${call.status}): ${call.message}`);
  const r = call.data;
  if (r.expected !== input.grids || r.received !== input.grids || r.missing !== 0) {
    throw new Error(`bench: the province roll-up counts ${r.received} of ${r.expected} reports (${r.missing} missing); expected all ${input.grids} grids`);
  }
  return r;
}
