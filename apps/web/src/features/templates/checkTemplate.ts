import type { FieldIssue, FormDefinition } from '@cascade/forms';
import { LEVEL_NAMES, validateTemplate, type FormRef, type Level, type TemplateDefinition } from '@cascade/workflow';
import { valuesToDefinition, type TemplateValues } from './templateValues';

export type PublishedForm = { key: string; version: number; definition?: unknown; publishedAt: unknown };

export type TemplateCheckContext = {
  /** Forms the owner may use (its own and its ancestors'); only published ones count. */
  forms: readonly PublishedForm[];
  /** The template this one derives from, if any. */
  parent?: TemplateDefinition | undefined;
  /** The owner's level: the chain must start there (the server's rule, checked here too). */
  ownerLevel?: Level | undefined;
};

export type TemplateCheck = { ok: true; definition: TemplateDefinition; issues: [] } | { ok: false; definition: null; issues: FieldIssue[] };

/** The server's own validation of a template (validateTemplate), run on the editor's values, plus
 * the one rule the server adds when saving: the chain starts at the owner's level. */
export function checkTemplate(values: TemplateValues, ctx: TemplateCheckContext): TemplateCheck {
  const published = new Map(ctx.forms.filter((f) => f.publishedAt).map((f) => [`${f.key}@${f.version}`, f.definition as FormDefinition]));
  const result = validateTemplate(valuesToDefinition(values), {
    form: (ref: FormRef) => published.get(`${ref.key}@${ref.version}`),
    ...(ctx.parent ? { parent: ctx.parent } : {}),
  });
  const issues = result.ok ? [] : [...result.issues];
  const first = values.chain[0];
  if (ctx.ownerLevel && first !== undefined && first !== ctx.ownerLevel) {
    const name = LEVEL_NAMES[ctx.ownerLevel];
    issues.push({ path: 'chain.0', rule: 'owner', message: { zh: `链条须从模板所属单位的层级"${name.zh}"开始`, en: `the chain must start at the owner's level "${ctx.ownerLevel}"` } });
  }
  if (result.ok && issues.length === 0) return { ok: true, definition: result.value, issues: [] };
  return { ok: false, definition: null, issues };
}
