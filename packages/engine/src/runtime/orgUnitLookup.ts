import { eq } from 'drizzle-orm';
import { orgUnits, type Executor } from '@cascade/db';
import { invalidField } from '../errors.js';

export type OrgUnit = typeof orgUnits.$inferSelect;

export async function requireUnit(db: Executor, id: string, field: string): Promise<OrgUnit> {
  const [unit] = await db.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (!unit) throw invalidField(field, 'exists', `组织单位 ${id} 不存在`, `org unit ${id} does not exist`);
  return unit;
}

/** Whether `path` is `ancestorPath` itself or lies below it. */
export function isWithin(path: string, ancestorPath: string): boolean {
  return path === ancestorPath || path.startsWith(`${ancestorPath}/`);
}
