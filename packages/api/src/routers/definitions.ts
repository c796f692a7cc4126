import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { compileTemplate, describeMachine, type TemplateDefinition } from '@cascade/workflow';
import { READERS, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';

type Db = Parameters<typeof queries.getOrgUnit>[0];

async function ownerPath(db: Db, ownerUnitId: string) {
  const unit = await queries.getOrgUnit(db, ownerUnitId);
  if (!unit) throw new TRPCError({ code: 'BAD_REQUEST', message: 'ownerUnitId [exists]: 组织单位不存在 / org unit does not exist' });
  return unit.path;
}

/** A unit uses its own definitions and those of the units above it. */
async function unitAndAncestors(db: Db, unitId: string): Promise<string[]> {
  const unit = await queries.getOrgUnit(db, unitId);
  if (!unit) return [];
  const codes = unit.path.split('/');
  const chain = await Promise.all(codes.map((_, i) => queries.getOrgUnitByCode(db, codes[i] as string)));
  return chain.filter((u) => u !== undefined).map((u) => u.id);
}

export const formsRouter = router({
  list: authedProcedure.input(z.object({ orgUnitId: id })).query(async ({ ctx, input }) => {
    requireRole(ctx.principal, READERS, await ownerPath(ctx.engine.db, input.orgUnitId), '查看表单|list forms');
    return queries.listForms(ctx.engine.db, await unitAndAncestors(ctx.engine.db, input.orgUnitId));
  }),
  saveDraft: authedProcedure.input(z.object({ ownerUnitId: id, definition: z.unknown() })).mutation(async ({ ctx, input }) => {
    requireRole(ctx.principal, ['admin'], await ownerPath(ctx.engine.db, input.ownerUnitId), '编辑表单|edit forms');
    return ctx.engine.saveFormDraft(ctx.principal.userId, input.ownerUnitId, input.definition);
  }),
  publish: authedProcedure.input(z.object({ formVersionId: id })).mutation(async ({ ctx, input }) => {
    const form = await queries.getFormVersion(ctx.engine.db, input.formVersionId);
    if (!form) throw new TRPCError({ code: 'NOT_FOUND', message: `表单版本不存在 / form version ${input.formVersionId} not found` });
    requireRole(ctx.principal, ['admin'], await ownerPath(ctx.engine.db, form.ownerUnitId), '发布表单|publish forms');
    await ctx.engine.publishForm(ctx.principal.userId, input.formVersionId);
    return { ok: true };
  }),
});

export const templatesRouter = router({
  list: authedProcedure.input(z.object({ orgUnitId: id })).query(async ({ ctx, input }) => {
    requireRole(ctx.principal, READERS, await ownerPath(ctx.engine.db, input.orgUnitId), '查看模板|list templates');
    return queries.listTemplates(ctx.engine.db, await unitAndAncestors(ctx.engine.db, input.orgUnitId));
  }),
  /** The template with its compiled machines as plain configs, for drawing state diagrams. */
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const row = await queries.getTemplateVersion(ctx.engine.db, input.id);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `模板版本不存在 / template version ${input.id} not found` });
    requireRole(ctx.principal, READERS, await ownerPath(ctx.engine.db, row.ownerUnitId), '查看模板|view templates');
    const compiled = compileTemplate(row.definition as TemplateDefinition);
    const machines = Object.fromEntries([...compiled.machines].map(([key, machine]) => [key, describeMachine(machine)]));
    return { ...row, machines };
  }),
  saveDraft: authedProcedure
    .input(z.object({ ownerUnitId: id, definition: z.unknown(), derivedFromId: id.nullish() }))
    .mutation(async ({ ctx, input }) => {
      requireRole(ctx.principal, ['admin'], await ownerPath(ctx.engine.db, input.ownerUnitId), '编辑模板|edit templates');
      return ctx.engine.saveTemplateDraft(ctx.principal.userId, { ownerUnitId: input.ownerUnitId, definition: input.definition, derivedFromId: input.derivedFromId ?? null });
    }),
  publish: authedProcedure.input(z.object({ templateVersionId: id })).mutation(async ({ ctx, input }) => {
    const row = await queries.getTemplateVersion(ctx.engine.db, input.templateVersionId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `模板版本不存在 / template version ${input.templateVersionId} not found` });
    requireRole(ctx.principal, ['admin'], await ownerPath(ctx.engine.db, row.ownerUnitId), '发布模板|publish templates');
    await ctx.engine.publishTemplate(ctx.principal.userId, input.templateVersionId);
    return { ok: true };
  }),
});
