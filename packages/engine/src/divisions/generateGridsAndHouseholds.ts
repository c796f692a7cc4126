import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { orgUnits, queries, type Database, type Transaction } from '@cascade/db';

export type GenerateOptions = {
  /** Only villages under this path (default: all). */
  underPath?: string;
  gridsPerVillage: number;
  /** A fixed number, or a range drawn per grid. 0 makes no households. */
  householdsPerGrid: number | [number, number];
  seed: string;
};

const CHUNK = 1000;

/** mulberry32 seeded from a hash of the seed: the same seed always gives the same tree. */
function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SUFFIXES = /(社区居民委员会|社区居委会|村民委员会|村委会|居委会|居民委员会)$/;

type NewUnit = { code: string; name: string; level: string; path: string; parentCode: string };

async function insertLevel(tx: Transaction, rows: NewUnit[], depthOf: (r: NewUnit) => number): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK).map((r) => ({ ...r, depth: depthOf(r) }));
    const result = await tx.execute(sql`
      insert into org_units (code, name, level, depth, parent_id, path)
      select r.code, r.name, r.level, r.depth, p.id, r.path
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as r(code text, name text, level text, path text, "parentCode" text, depth int)
      join org_units p on p.code = r."parentCode"
      on conflict (code) do nothing
      returning 1`);
    inserted += ((result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])).length;
  }
  return inserted;
}

/**
 * No public data exists for grids and households, so they are generated: `gridsPerVillage` grids per
 * village (code = village code + 3 digits) and households per grid (grid code + 4 digits) with
 * plausible addresses. Deterministic in the seed, idempotent by code, one transaction.
 */
export async function generateGridsAndHouseholds(db: Database, options: GenerateOptions): Promise<{ grids: number; households: number }> {
  const random = seededRandom(options.seed);
  return db.transaction(async (tx) => {
    const villages = await tx
      .select({ code: orgUnits.code, name: orgUnits.name, path: orgUnits.path, depth: orgUnits.depth })
      .from(orgUnits)
      .where(and(eq(orgUnits.level, 'village'), options.underPath ? queries.withinPath(orgUnits.path, options.underPath) : undefined))
      .orderBy(asc(orgUnits.code));
    const grids: NewUnit[] = [];
    const households: NewUnit[] = [];
    const depth = new Map<string, number>();
    for (const village of villages) {
      const short = village.name.replace(SUFFIXES, '');
      for (let g = 1; g <= options.gridsPerVillage; g++) {
        const code = `${village.code}${String(g).padStart(3, '0')}`;
        const path = `${village.path}/${code}`;
        grids.push({ code, name: `${short}第${g}网格`, level: 'grid', path, parentCode: village.code });
        depth.set(code, village.depth + 1);
        const [low, high] = Array.isArray(options.householdsPerGrid) ? options.householdsPerGrid : [options.householdsPerGrid, options.householdsPerGrid];
        const count = low + Math.floor(random() * (high - low + 1));
        const building = 1 + Math.floor(random() * 20);
        for (let h = 1; h <= count; h++) {
          const householdCode = `${code}${String(h).padStart(4, '0')}`;
          const unitNo = 1 + Math.floor((h - 1) / 12);
          const floor = 1 + Math.floor(((h - 1) % 12) / 2);
          const door = ((h - 1) % 2) + 1;
          households.push({ code: householdCode, name: `${building + Math.floor((h - 1) / 36)}栋${unitNo}单元${floor}0${door}`, level: 'household', path: `${path}/${householdCode}`, parentCode: code });
          depth.set(householdCode, village.depth + 2);
        }
      }
    }
    const depthOf = (r: NewUnit) => depth.get(r.code) ?? 0;
    const insertedGrids = await insertLevel(tx, grids, depthOf);
    const insertedHouseholds = await insertLevel(tx, households, depthOf);
    return { grids: insertedGrids, households: insertedHouseholds };
  });
}
