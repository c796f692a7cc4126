import { and, asc, eq } from 'drizzle-orm';
import type { FieldIssue } from '@cascade/forms';
import { orgUnits, queries, type Database, type Transaction } from '@cascade/db';
import { invalid } from '../errors.js';
import { householdAddresses, villageShortName } from './householdAddresses.js';
import { INSERT_CHUNK, insertOrgUnits, type NewOrgUnit } from './insertOrgUnits.js';
import { randomInt, seededRandom } from './seededRandom.js';

export type GenerateOptions = {
  /** Only villages at or under this path (default: all). */
  underPath?: string;
  /** 0 to 999: a grid's code is its village's code and 3 digits. */
  gridsPerVillage: number;
  /** A fixed number, or a range [min, max] drawn per grid; 0 to 9,999 (4 digits of the code). */
  householdsPerGrid: number | [number, number];
  seed: string;
};

function checkOptions(options: GenerateOptions): [number, number] {
  const issues: FieldIssue[] = [];
  const inRange = (n: number, max: number) => Number.isInteger(n) && n >= 0 && n <= max;
  if (!inRange(options.gridsPerVillage, 999)) {
    issues.push({ path: 'gridsPerVillage', rule: 'range', message: { zh: '每个村(社区)的网格数应为 0 至 999 的整数', en: 'gridsPerVillage must be an integer from 0 to 999' } });
  }
  const [low, high] = Array.isArray(options.householdsPerGrid) ? options.householdsPerGrid : [options.householdsPerGrid, options.householdsPerGrid];
  if (!inRange(low, 9999) || !inRange(high, 9999) || low > high) {
    issues.push({ path: 'householdsPerGrid', rule: 'range', message: { zh: '每个网格的户数应为 0 至 9999 的整数或 [最少, 最多]', en: 'householdsPerGrid must be an integer from 0 to 9999 or [min, max] with min ≤ max' } });
  }
  if (issues.length > 0) throw invalid(issues);
  return [low, high];
}

/** Rows wait here until a chunk is full. Households are only written after every grid before them,
 * because the insert finds a parent by its code among rows already stored. */
class ChunkedWriter {
  private grids: NewOrgUnit[] = [];
  private households: NewOrgUnit[] = [];
  readonly inserted = { grids: 0, households: 0 };

  constructor(private readonly tx: Transaction) {}

  async addGrid(row: NewOrgUnit): Promise<void> {
    this.grids.push(row);
    if (this.grids.length >= INSERT_CHUNK) await this.flushGrids();
  }

  async addHousehold(row: NewOrgUnit): Promise<void> {
    this.households.push(row);
    if (this.households.length >= INSERT_CHUNK) await this.flush();
  }

  async flush(): Promise<void> {
    await this.flushGrids();
    const rows = this.households;
    this.households = [];
    this.inserted.households += await insertOrgUnits(this.tx, rows);
  }

  private async flushGrids(): Promise<void> {
    const rows = this.grids;
    this.grids = [];
    this.inserted.grids += await insertOrgUnits(this.tx, rows);
  }
}

/**
 * No public data exists for grids and households, so they are generated: `gridsPerVillage` grids
 * under every village (code = village code + 3 digits, `水井坊第1网格`) and households under every
 * grid (grid code + 4 digits, named by a plausible address). Idempotent by code, one transaction.
 *
 * Each grid draws from its own generator, seeded with the seed and the grid's code: a grid's
 * households depend on nothing else, so generating one subtree and later the rest gives the same
 * tree as generating everything at once.
 */
export async function generateGridsAndHouseholds(db: Database, options: GenerateOptions): Promise<{ grids: number; households: number }> {
  const [low, high] = checkOptions(options);
  return db.transaction(async (tx) => {
    const villages = await tx
      .select({ code: orgUnits.code, name: orgUnits.name })
      .from(orgUnits)
      .where(and(eq(orgUnits.level, 'village'), options.underPath === undefined ? undefined : queries.withinPath(orgUnits.path, options.underPath)))
      .orderBy(asc(orgUnits.code));
    const writer = new ChunkedWriter(tx);
    for (const village of villages) {
      const short = villageShortName(village.name);
      for (let g = 1; g <= options.gridsPerVillage; g++) {
        const gridCode = `${village.code}${String(g).padStart(3, '0')}`;
        await writer.addGrid({ code: gridCode, name: `${short}第${g}网格`, level: 'grid', parentCode: village.code });
        if (high === 0) continue;
        const random = seededRandom(`${options.seed}\u0000${gridCode}`);
        const addresses = householdAddresses(village.name, randomInt(random, low, high), random);
        for (const [i, name] of addresses.entries()) {
          await writer.addHousehold({ code: `${gridCode}${String(i + 1).padStart(4, '0')}`, name, level: 'household', parentCode: gridCode });
        }
      }
    }
    await writer.flush();
    return writer.inserted;
  });
}
