import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { directives, templateVersions } from '@cascade/db';
import type { FormRef, ReceiptContext, TemplateDefinition } from '@cascade/workflow';
import { invalidField, notFound } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import { createInstances } from '../runtime/createInstances.js';
import { isWithin, requireUnit } from '../runtime/orgUnitLookup.js';
import { loadInstance, applyEvent } from '../runtime/sendEvent.js';

export type IssueDirectiveInput = {
  /** Chosen by the caller, so it can follow the fan-out's progress before the directive exists. */
  id?: string;
  templateVersionId: string;
  issuingUnitId: string;
  title: string;
  body: string;
  requirements: string[];
  deadline: Date;
};

/** Issues a directive under a published template: the directive row, its instance, and (through the
 * directive machine's entry) a receipt for every unit on the next level of the chain. */
export async function issueDirective(ctx: CommandContext, input: IssueDirectiveInput): Promise<{ directiveId: string }> {
  const [template] = await ctx.tx.select().from(templateVersions).where(eq(templateVersions.id, input.templateVersionId));
  if (!template) throw invalidField('templateVersionId', 'exists', '模板版本不存在', 'template version does not exist');
  if (!template.publishedAt) throw invalidField('templateVersionId', 'published', '只能按已发布的模板下发通知', 'only a published template can be issued');
  const definition = template.definition as TemplateDefinition;
  const unit = await requireUnit(ctx.tx, input.issuingUnitId, 'issuingUnitId');
  const owner = await requireUnit(ctx.tx, template.ownerUnitId, 'templateVersionId');
  if (unit.level !== definition.chain[0]) {
    throw invalidField('issuingUnitId', 'level', `此模板须由"${definition.chain[0]}"级单位下发`, `this template is issued by a ${definition.chain[0]} unit, not a ${unit.level}`);
  }
  if (!isWithin(unit.path, owner.path)) throw invalidField('issuingUnitId', 'scope', '发文单位不在模板所属单位辖区内', "the issuing unit is outside the template owner's area");
  if (input.deadline.getTime() <= ctx.now.getTime()) throw invalidField('deadline', 'future', '截止时间必须晚于现在', 'deadline must be in the future');
  if (input.id) {
    const [taken] = await ctx.tx.select({ id: directives.id }).from(directives).where(eq(directives.id, input.id));
    if (taken) throw invalidField('id', 'unique', '该通知编号已被使用', 'a directive with this id exists already');
  }
  const directiveId = input.id ?? randomUUID();
  await ctx.tx.insert(directives).values({
    id: directiveId,
    templateVersionId: template.id,
    issuingUnitId: unit.id,
    title: input.title,
    body: input.body,
    requirements: input.requirements,
    deadline: input.deadline,
    issuedBy: ctx.actorId as string,
    issuedAt: ctx.now,
  });
  await createInstances(ctx, [
    {
      id: directiveId,
      machine: 'directive',
      templateVersionId: template.id,
      directiveId,
      parentId: null,
      orgUnitId: unit.id,
      input: { deadline: input.deadline.toISOString() },
    },
  ]);
  return { directiveId };
}

async function requireReceipt(ctx: CommandContext, receiptId: string) {
  const receipt = await loadInstance(ctx, receiptId);
  if (receipt.kind !== 'receipt') throw notFound('receipt', receiptId);
  return receipt;
}

export async function acknowledgeReceipt(ctx: CommandContext, receiptId: string) {
  return applyEvent(ctx, await requireReceipt(ctx, receiptId), { type: 'ACKNOWLEDGE' });
}

export async function forwardReceipt(ctx: CommandContext, receiptId: string) {
  return applyEvent(ctx, await requireReceipt(ctx, receiptId), { type: 'FORWARD' });
}

export type AmendInput = { requirements: string[]; forms: FormRef[]; deadline?: Date };

/** A unit adds its own measures before passing a directive down; it may tighten the deadline, never loosen it. */
export async function amendReceipt(ctx: CommandContext, receiptId: string, input: AmendInput) {
  const receipt = await requireReceipt(ctx, receiptId);
  const context = receipt.snapshot.context as ReceiptContext;
  if (input.requirements.length === 0 && input.forms.length === 0 && !input.deadline) {
    throw invalidField('requirements', 'required', '修订须至少增加一项要求、表单或收紧截止时间', 'an amendment must add a requirement or a form, or tighten the deadline');
  }
  if (input.deadline) {
    if (input.deadline.getTime() > Date.parse(context.deadline)) {
      throw invalidField('deadline', 'tightenOnly', `截止时间只能提前,不得晚于 ${context.deadline}`, `the deadline may only be tightened, not set after ${context.deadline}`);
    }
    if (input.deadline.getTime() <= ctx.now.getTime()) throw invalidField('deadline', 'future', '截止时间必须晚于现在', 'deadline must be in the future');
  }
  for (const [i, form] of input.forms.entries()) {
    if (!(await ctx.templates.publishedForm(ctx.tx, form.key, form.version))) {
      throw invalidField(`forms.${i}`, 'unknownForm', `表单 ${form.key} 第 ${form.version} 版不存在或未发布`, `form ${form.key} version ${form.version} does not exist or is not published`);
    }
  }
  return applyEvent(ctx, receipt, {
    type: 'AMEND',
    requirements: input.requirements,
    forms: input.forms,
    ...(input.deadline ? { deadline: input.deadline.toISOString() } : {}),
  });
}

export async function closeDirective(ctx: CommandContext, directiveId: string, reason: string) {
  const directive = await loadInstance(ctx, directiveId);
  if (directive.kind !== 'directive') throw notFound('directive', directiveId);
  return applyEvent(ctx, directive, { type: 'CLOSE', reason });
}
