import { and, eq, isNull, sql } from 'drizzle-orm';
import { assignments, directives, history, instances, users } from '@cascade/db';
import { assignableLevels, LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { invalidField, notFound } from '../errors.js';
import type { CommandContext } from '../runtime/commandContext.js';
import { createInstances } from '../runtime/createInstances.js';
import { isWithin, requireUnit } from '../runtime/orgUnitLookup.js';
import { applyEvent, loadInstance } from '../runtime/sendEvent.js';

export type AssignInput = { directiveId: string; userId: string; orgUnitId: string };

/**
 * Puts a person on a unit or household for a directive (包网格, 包户到人). When the unit is on the
 * template's registration level, the person is a cadre sent down and must register there (报到):
 * that is a registration instance with its own history.
 */
export async function assignPerson(ctx: CommandContext, input: AssignInput): Promise<{ assignmentId: string; registrationId: string | null }> {
  const directive = await loadInstance(ctx, input.directiveId);
  if (directive.kind !== 'directive') throw notFound('directive', input.directiveId);
  if (directive.snapshot.status !== 'active') throw invalidField('directiveId', 'active', '通知已关闭', 'the directive is closed');
  const [issued] = await ctx.tx.select().from(directives).where(eq(directives.id, input.directiveId));
  const issuer = await requireUnit(ctx.tx, issued?.issuingUnitId as string, 'directiveId');
  const unit = await requireUnit(ctx.tx, input.orgUnitId, 'orgUnitId');
  if (!isWithin(unit.path, issuer.path)) throw invalidField('orgUnitId', 'scope', '单位不在通知下发范围内', "the unit is outside the directive's area");
  const { definition } = await ctx.templates.template(ctx.tx, directive.templateVersionId);
  const levels = assignableLevels(definition.stages.mobilize);
  if (!levels.includes(unit.level as OrgLevel)) {
    const names = levels.map((l) => LEVEL_NAMES[l]);
    throw invalidField(
      'orgUnitId',
      'level',
      levels.length ? `该通知只向${names.map((n) => n.zh).join('、')}分配人员` : '该通知的模板不分配人员',
      levels.length ? `this directive assigns people only to: ${names.map((n) => n.en).join(', ')}` : "this directive's template assigns no one",
    );
  }
  const [user] = await ctx.tx.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  if (!user) throw invalidField('userId', 'exists', '人员不存在', 'the person does not exist');
  const [existing] = await ctx.tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.directiveId, input.directiveId), eq(assignments.userId, input.userId), eq(assignments.orgUnitId, input.orgUnitId), isNull(assignments.releasedAt)));
  if (existing) throw invalidField('userId', 'unique', '该人员已被分配到此单位', 'this person is already assigned to this unit');
  const [assignment] = await ctx.tx
    .insert(assignments)
    .values({ directiveId: input.directiveId, userId: input.userId, orgUnitId: unit.id, assignedBy: ctx.actorId as string, assignedAt: ctx.now })
    .returning({ id: assignments.id });
  let registrationId: string | null = null;
  if (definition.stages.mobilize?.registrationLevel === unit.level) {
    const [registration] = await createInstances(ctx, [
      {
        machine: 'registration',
        templateVersionId: directive.templateVersionId,
        directiveId: directive.id,
        parentId: directive.id,
        orgUnitId: unit.id,
        subjectUserId: input.userId,
        input: { assignmentId: assignment?.id },
      },
    ]);
    registrationId = registration?.id ?? null;
  }
  return { assignmentId: assignment?.id as string, registrationId };
}

async function requireRegistration(ctx: CommandContext, registrationId: string) {
  const registration = await loadInstance(ctx, registrationId);
  if (registration.kind !== 'registration') throw notFound('registration', registrationId);
  return registration;
}

/** The cadre reports for duty (报到) at the unit; only the cadre themself can do this. */
export async function registerArrival(ctx: CommandContext, registrationId: string) {
  const registration = await requireRegistration(ctx, registrationId);
  if (registration.subjectUserId !== ctx.actorId) throw invalidField('registrationId', 'self', '只能本人报到', 'only the assigned person can register');
  return applyEvent(ctx, registration, { type: 'REGISTER' });
}

export async function releaseRegistration(ctx: CommandContext, registrationId: string) {
  const registration = await requireRegistration(ctx, registrationId);
  const result = await applyEvent(ctx, registration, { type: 'RELEASE' });
  await ctx.tx
    .update(assignments)
    .set({ releasedAt: ctx.now })
    .where(and(eq(assignments.directiveId, registration.directiveId as string), eq(assignments.userId, registration.subjectUserId as string), eq(assignments.orgUnitId, registration.orgUnitId as string), isNull(assignments.releasedAt)));
  return result;
}

/**
 * Ends an assignment (撤销分配 / 结束包户). A cadre who has registered is released, one still to
 * register has the registration closed, so the registration's history says what happened; a plain
 * assignment (包户) is simply marked released.
 */
export async function releaseAssignment(ctx: CommandContext, assignmentId: string) {
  const [assignment] = await ctx.tx.select().from(assignments).where(eq(assignments.id, assignmentId));
  if (!assignment) throw notFound('assignment', assignmentId);
  if (assignment.releasedAt) throw invalidField('assignmentId', 'released', '该分配已结束', 'this assignment has already ended');
  const [link] = await ctx.tx
    .select({ id: instances.id })
    .from(instances)
    .innerJoin(history, and(eq(history.instanceId, instances.id), eq(history.seq, 1)))
    .where(and(eq(instances.kind, 'registration'), eq(instances.directiveId, assignment.directiveId), eq(instances.subjectUserId, assignment.userId), eq(instances.orgUnitId, assignment.orgUnitId), sql`${history.payload}->'input'->>'assignmentId' = ${assignment.id}`));
  if (link) {
    const registration = await loadInstance(ctx, link.id);
    if (registration.state === 'registered') await applyEvent(ctx, registration, { type: 'RELEASE' });
    else if (registration.state === 'assigned') await applyEvent(ctx, registration, { type: 'CLOSE', reason: '撤销分配 / assignment withdrawn' });
  }
  await ctx.tx.update(assignments).set({ releasedAt: ctx.now }).where(eq(assignments.id, assignment.id));
  return { assignmentId: assignment.id, registrationId: link?.id ?? null };
}
