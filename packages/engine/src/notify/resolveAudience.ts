import { and, eq, isNull } from 'drizzle-orm';
import { assignments, orgUnits, roleGrants } from '@cascade/db';
import type { CommandContext } from '../runtime/commandContext.js';
import type { InstanceRow } from '../runtime/instanceRow.js';

export type Audience = 'unitAdmins' | 'parentAdmins' | 'assignees';

/**
 * Who a notification about an instance goes to: the admins of its unit, the admins of the unit
 * above (escalation), or the people working on the unit (grid staff holding the role there, and
 * anyone assigned to it for the directive).
 */
export async function resolveAudience(ctx: CommandContext, instance: InstanceRow, audience: Audience): Promise<string[]> {
  if (!instance.orgUnitId) return [];
  let unitId: string | null = instance.orgUnitId;
  if (audience === 'parentAdmins') {
    const [unit] = await ctx.tx.select({ parentId: orgUnits.parentId }).from(orgUnits).where(eq(orgUnits.id, instance.orgUnitId));
    unitId = unit?.parentId ?? null;
  }
  if (!unitId) return [];
  const role = audience === 'assignees' ? 'grid_staff' : 'admin';
  const granted = await ctx.tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgUnitId, unitId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)));
  const assigned =
    audience === 'assignees' && instance.directiveId
      ? await ctx.tx
          .select({ userId: assignments.userId })
          .from(assignments)
          .where(and(eq(assignments.orgUnitId, unitId), eq(assignments.directiveId, instance.directiveId), isNull(assignments.releasedAt)))
      : [];
  return [...new Set([...granted, ...assigned].map((r) => r.userId))].sort();
}
