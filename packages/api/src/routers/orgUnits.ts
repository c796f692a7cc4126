import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { isWithin } from '@cascade/engine';
import { ANYONE, readablePaths, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';

async function unitOrThrow(db: Parameters<typeof queries.getOrgUnit>[0], unitId: string) {
  const unit = await queries.getOrgUnit(db, unitId);
  if (!unit) throw new TRPCError({ code: 'NOT_FOUND', message: `组织单位不存在 / org unit ${unitId} not found` });
  return unit;
}

export const orgUnitsRouter = router({
  /** The units the signed-in user holds roles on: the roots of their view of the tree. */
  roots: authedProcedure.query(async ({ ctx }) => queries.getOrgUnits(ctx.engine.db, [...new Set(ctx.principal.grants.map((g) => g.orgUnitId))])),
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const unit = await unitOrThrow(ctx.engine.db, input.id);
    requireRole(ctx.principal, ANYONE, unit.path, '查看|view');
    return unit;
  }),
  children: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const unit = await unitOrThrow(ctx.engine.db, input.id);
    requireRole(ctx.principal, ANYONE, unit.path, '查看|view');
    return queries.listChildUnits(ctx.engine.db, unit.id);
  }),
  /** The way down to a unit from the top of the caller's view, so a tree can open to a search hit. */
  ancestors: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const unit = await unitOrThrow(ctx.engine.db, input.id);
    requireRole(ctx.principal, ANYONE, unit.path, '查看|view');
    const roots = readablePaths(ctx.principal, ANYONE);
    const chain = await queries.listAncestors(ctx.engine.db, unit.path);
    return chain.filter((u) => roots.some((root) => isWithin(u.path, root)));
  }),
  search: authedProcedure
    .input(z.object({ query: z.string().trim().min(1).max(64), limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      const results = await Promise.all(readablePaths(ctx.principal, ANYONE).map((p) => queries.searchOrgUnits(ctx.engine.db, p, input.query, input.limit)));
      // Grants may nest (an admin of a district who is also grid staff in it): one hit per unit.
      const unique = new Map(results.flat().map((u) => [u.id, u]));
      return [...unique.values()].slice(0, input.limit);
    }),
});
