import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { queries } from '@cascade/db';
import { compileTemplate, describeMachine, type TemplateDefinition } from '@cascade/workflow';
import { isWithin, type Principal } from '@cascade/engine';
import { READERS, readablePaths, requireRole } from '../authority.js';
import { id } from '../inputs.js';
import { authedProcedure, router } from '../trpc.js';

type Db = Parameters<typeof queries.getOrgUnit>[0];

async function ownerPath(db: Db, ownerUnitId: string) {
  const unit = await queries.getOrgUnit(db, ownerUnitId);
  if (!unit) throw new TRPCError({ code: 'BAD_REQUEST', message: 'ownerUnitId [exists]: 组织单位不存在 / org unit does not exist' });
  return unit.path;
}

/** Definitions are read where they apply: by readers of the owner's subtree, and by readers below
 * it, who inherit (and derive from) their ancestors' forms and templates. */
function requireDefinitionReader(principal: Principal, ownerPath: string, action: string): void {
  if (readablePaths(principal, READERS).some((p) => isWithin(p, ownerPath))) return;
  requireRole(principal, READERS, ownerPath, action);
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
  /** One form version with its owner, for the builder and for previews of inherited forms. */
  get: authedProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const row = await queries.getFormVersion(ctx.engine.db, input.id);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `表单版本不存在 / form version ${input.id} not found` });
    const owner = await queries.getOrgUnit(ctx.engine.db, row.ownerUnitId);
    requireDefinitionReader(ctx.principal, owner?.path ?? '', '查看表单|view forms');
    return { ...row, owner: { id: row.ownerUnitId, name: owner?.name ?? '', level: owner?.level ?? '', path: owner?.path ?? '' } };
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
    const owner = await queries.getOrgUnit(ctx.engine.db, row.ownerUnitId);
    requireDefinitionReader(ctx.principal, owner?.path ?? '', '查看模板|view templates');
    const compiled = compileTemplate(row.definition as TemplateDefinition);
    const machines = Object.fromEntries([...compiled.machines].map(([key, machine]) => [key, describeMachine(machine)]));
    return { ...row, owner: { id: row.ownerUnitId, name: owner?.name ?? '', level: owner?.level ?? '', path: owner?.path ?? '' }, machines };
  }),
  /** Who would receive a directive issued under this template by this unit: every unit of the
   * chain's second level in the issuing unit's subtree (the first `limit` of them, and how many). */
  recipients: authedProcedure.input(z.object({ templateVersionId: id, issuingUnitId: id })).query(async ({ ctx, input }) => {
    const row = await queries.getTemplateVersion(ctx.engine.db, input.templateVersionId);
    if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: `模板版本不存在 / template version ${input.templateVersionId} not found` });
    const unit = await queries.getOrgUnit(ctx.engine.db, input.issuingUnitId);
    if (!unit) throw new TRPCError({ code: 'BAD_REQUEST', message: 'issuingUnitId [exists]: 组织单位不存在 / org unit does not exist' });
    requireRole(ctx.principal, ['admin'], unit.path, '下发通知|issue directives');
    const level = (row.definition as TemplateDefinition).chain[1] as string;
    return { level, ...(await queries.listUnitsAtLevel(ctx.engine.db, unit.path, level, 100)) };
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
