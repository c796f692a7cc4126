import { sql } from 'drizzle-orm';
import type { Database } from '@cascade/db';
import { rowsOf } from './rows.js';

/**
 * The province the benchmark's directives go out from: the one with the most units under it. Every
 * scale but `china` holds one province; the whole country holds 34, and the largest is the heaviest
 * directive one office can issue.
 */
export async function issuingProvince(db: Database): Promise<{ id: string; path: string }> {
  const [largest] = rowsOf<{ code: string }>(
    await db.execute(sql`select split_part(path, '/', 1) as code from org_units group by 1 order by count(*) desc, 1 limit 1`),
  );
  const [province] = rowsOf<{ id: string; path: string }>(await db.execute(sql`select id, path from org_units where level = 'province' and code = ${largest?.code ?? ''}`));
  if (!province) throw new Error('bench: the tree has no province');
  return province;
}
