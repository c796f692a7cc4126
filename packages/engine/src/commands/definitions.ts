import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { formVersions, templateVersions } from '@cascade/db';
import { checkFormDefinition } from '@cascade/forms';
import { validateTemplate, type FormRef, type TemplateDefinition } from '@cascade/workflow';
import { invalid, invalidField, notFound } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import { isWithin, requireUnit } from '../runtime/orgUnitLookup.js';

async function nextVersion(ctx: CommandContext, table: typeof formVersions | typeof templateVersions, key: string): Promise<number> {
  const [last] = await ctx.tx.select({ version: table.version }).from(table).where(eq(table.key, key)).orderBy(desc(table.version)).limit(1);
  return (last?.version ?? 0) + 1;
}

/** Saves a new draft version of a form. Keys belong to the unit that first used them. */
export async function saveFormDraft(ctx: CommandContext, ownerUnitId: string, definition: unknown): Promise<{ id: string; version: number }> {
  const checked = checkFormDefinition(definition);
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: `definition.${i.path}` })));
  await requireUnit(ctx.tx, ownerUnitId, 'ownerUnitId');
  const [first] = await ctx.tx.select({ owner: formVersions.ownerUnitId }).from(formVersions).where(eq(formVersions.key, checked.value.key)).limit(1);
  if (first && first.owner !== ownerUnitId) throw invalidField('definition.key', 'unique', `表单编号 ${checked.value.key} 已被其他单位使用`, `form key ${checked.value.key} belongs to another unit`);
  const version = await nextVersion(ctx, formVersions, checked.value.key);
  const [row] = await ctx.tx
    .insert(formVersions)
    .values({ key: checked.value.key, version, ownerUnitId, definition: checked.value, createdBy: ctx.actorId, createdAt: ctx.now })
    .returning({ id: formVersions.id });
  return { id: row?.id as string, version };
}

export async function publishForm(ctx: CommandContext, formVersionId: string): Promise<void> {
  const [row] = await ctx.tx.select().from(formVersions).where(eq(formVersions.id, formVersionId));
  if (!row) throw notFound('form version', formVersionId);
  if (row.publishedAt) throw invalidField('formVersionId', 'draft', '该版本已发布', 'this version is already published');
  await ctx.tx.update(formVersions).set({ publishedAt: ctx.now }).where(eq(formVersions.id, formVersionId));
}

async function templateContext(ctx: CommandContext, derivedFromId: string | null) {
  let parent: TemplateDefinition | undefined;
  if (derivedFromId) {
    const [row] = await ctx.tx.select().from(templateVersions).where(eq(templateVersions.id, derivedFromId));
    if (!row?.publishedAt) throw invalidField('derivedFromId', 'published', '只能从已发布的模板派生', 'a template can only be derived from a published one');
    parent = row.definition as TemplateDefinition;
  }
  // Published forms are looked up ahead, since template validation itself is synchronous and pure.
  const published = await ctx.tx.select({ key: formVersions.key, version: formVersions.version, definition: formVersions.definition }).from(formVersions).where(isNotNull(formVersions.publishedAt));
  const forms = new Map(published.map((f) => [`${f.key}@${f.version}`, f.definition]));
  return { form: (ref: FormRef) => forms.get(`${ref.key}@${ref.version}`) as never, ...(parent ? { parent } : {}) };
}

export type SaveTemplateInput = { ownerUnitId: string; definition: unknown; derivedFromId?: string | null };

/** Saves a new draft version of a template after checking it completely. */
export async function saveTemplateDraft(ctx: CommandContext, input: SaveTemplateInput): Promise<{ id: string; version: number }> {
  const owner = await requireUnit(ctx.tx, input.ownerUnitId, 'ownerUnitId');
  const derivedFromId = input.derivedFromId ?? null;
  const checked = validateTemplate(input.definition, await templateContext(ctx, derivedFromId));
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: `definition.${i.path}` })));
  if (checked.value.chain[0] !== owner.level) {
    throw invalidField('definition.chain.0', 'owner', `链条须从模板所属单位的层级"${owner.level}"开始`, `the chain must start at the owner's level "${owner.level}"`);
  }
  const [first] = await ctx.tx.select({ owner: templateVersions.ownerUnitId }).from(templateVersions).where(eq(templateVersions.key, checked.value.key)).limit(1);
  if (first && first.owner !== owner.id) throw invalidField('definition.key', 'unique', `模板编号 ${checked.value.key} 已被其他单位使用`, `template key ${checked.value.key} belongs to another unit`);
  if (derivedFromId) {
    const [parent] = await ctx.tx.select({ ownerUnitId: templateVersions.ownerUnitId }).from(templateVersions).where(eq(templateVersions.id, derivedFromId));
    const parentOwner = await requireUnit(ctx.tx, parent?.ownerUnitId as string, 'derivedFromId');
    if (!isWithin(owner.path, parentOwner.path) || owner.id === parentOwner.id) {
      throw invalidField('derivedFromId', 'scope', '只能从上级单位的模板派生', "a template can only be derived from a higher unit's template");
    }
  }
  const version = await nextVersion(ctx, templateVersions, checked.value.key);
  const [row] = await ctx.tx
    .insert(templateVersions)
    .values({ key: checked.value.key, version, ownerUnitId: owner.id, derivedFromId, definition: checked.value, createdBy: ctx.actorId, createdAt: ctx.now })
    .returning({ id: templateVersions.id });
  return { id: row?.id as string, version };
}

/** Publishing re-checks the template, since the forms it names must be published by now. */
export async function publishTemplate(ctx: CommandContext, templateVersionId: string): Promise<void> {
  const [row] = await ctx.tx.select().from(templateVersions).where(eq(templateVersions.id, templateVersionId));
  if (!row) throw notFound('template version', templateVersionId);
  if (row.publishedAt) throw invalidField('templateVersionId', 'draft', '该版本已发布', 'this version is already published');
  const checked = validateTemplate(row.definition, await templateContext(ctx, row.derivedFromId));
  if (!checked.ok) throw invalid(checked.issues.map((i) => ({ ...i, path: `definition.${i.path}` })));
  await ctx.tx.update(templateVersions).set({ publishedAt: ctx.now }).where(and(eq(templateVersions.id, templateVersionId)));
}
