import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { DomainError, ROLES } from '@cascade/engine';
import { READERS, requireRole } from '../authority.js';
import { id, text } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';

async function unitPath(db: Parameters<typeof queries.getOrgUnit>[0], unitId: string, field: string) {
  const unit = await queries.getOrgUnit(db, unitId);
  if (!unit) throw new TRPCError({ code: 'BAD_REQUEST', message: `${field} [exists]: 组织单位不存在 / org unit does not exist` });
  return unit.path;
}

export const peopleRouter = router({
  list: authedProcedure.input(z.object({ orgUnitId: id })).query(async ({ ctx, input }) => {
    const path = await unitPath(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, READERS, path, '查看人员|list people');
    return queries.listPeopleInScope(ctx.engine.db, path);
  }),
  /** Finds an account by its exact username, so an admin can grant a role to someone from elsewhere
   * (a cadre sent down from another office) without seeing everyone's accounts. */
  lookup: authedProcedure.input(z.object({ username: z.string().trim().min(3).max(64) })).query(async ({ ctx, input }) => {
    if (!ctx.principal.grants.some((g) => g.role === 'admin')) throw new TRPCError({ code: 'FORBIDDEN', message: '只有管理员可以查找人员 / only admins may look people up' });
    return (await queries.getUserByUsername(ctx.engine.db, input.username)) ?? null;
  }),
  /** Creates an account and its first role in one step: an account without a role can do nothing. */
  create: authedProcedure
    .input(
      z.object({
        username: z.string().trim().regex(/^[a-zA-Z0-9_.-]{3,64}$/),
        displayName: text(64),
        password: z.string().min(8).max(256),
        phone: z.string().trim().max(32).optional(),
        role: z.enum(ROLES),
        orgUnitId: id,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const path = await unitPath(ctx.engine.db, input.orgUnitId, 'orgUnitId');
      requireRole(ctx.principal, ['admin'], path, '添加人员|add people');
      return ctx.engine.createUserWithRole(ctx.principal.userId, input);
    }),
  grant: authedProcedure.input(z.object({ userId: id, role: z.enum(ROLES), orgUnitId: id })).mutation(async ({ ctx, input }) => {
    const path = await unitPath(ctx.engine.db, input.orgUnitId, 'orgUnitId');
    requireRole(ctx.principal, ['admin'], path, '授权|grant roles');
    return ctx.engine.grantRole(ctx.principal.userId, input);
  }),
  revoke: authedProcedure.input(z.object({ grantId: id })).mutation(async ({ ctx, input }) => {
    const grant = await queries.getGrant(ctx.engine.db, input.grantId);
    if (!grant) throw new TRPCError({ code: 'NOT_FOUND', message: `授权不存在 / grant ${input.grantId} not found` });
    requireRole(ctx.principal, ['admin'], grant.path, '撤销授权|revoke roles');
    // An admin who revoked their own grant could lock themselves out of the unit; a level above does it.
    if (grant.grant.userId === ctx.principal.userId) {
      throw new DomainError('VALIDATION', 'cannot revoke own grant', [{ path: 'grantId', rule: 'self', message: { zh: '不能撤销本人的角色,请由上级管理员撤销', en: 'you cannot revoke your own role; ask an admin above you' } }]);
    }
    await ctx.engine.revokeRole(input.grantId);
    return { ok: true };
  }),
});
