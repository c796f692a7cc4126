import type { queries } from '@cascade/db';
import type { Engine } from '@cascade/engine';
import { acceptedEvents, type FormRef, type MachineKey, type PersistedSnapshot, type ReceiptContext } from '@cascade/workflow';

/** What an admin may do to a receipt through the API; closing one happens only by closing its directive. */
export type ReceiptAction = 'ACKNOWLEDGE' | 'AMEND' | 'FORWARD';
const ACTIONS: readonly string[] = ['ACKNOWLEDGE', 'AMEND', 'FORWARD'] satisfies ReceiptAction[];

/**
 * A receipt as a unit sees it: the directive, what the unit above passed down (its additions are in its
 * own context, since a forwarded receipt can no longer change), what this unit added itself, and the
 * actions its machine accepts now, so a screen offers only those (the engine refuses the rest anyway).
 */
export async function receiptView(engine: Engine, row: NonNullable<queries.ReceiptDetailRow>) {
  const compiled = await engine.templates.template(engine.db, row.templateVersionId);
  const snapshot = row.snapshot as PersistedSnapshot;
  const context = snapshot.context as unknown as ReceiptContext;
  const above = (row.parentSnapshot as PersistedSnapshot | null)?.context as unknown as ReceiptContext | undefined;
  const inheritedRequirements = above?.addedRequirements ?? [];
  const inheritedForms: FormRef[] = above?.addedForms ?? [];
  const actions = acceptedEvents(compiled.machine(row.machine as MachineKey), snapshot).filter((e): e is ReceiptAction => ACTIONS.includes(e));
  return {
    id: row.id,
    state: row.state,
    directiveId: row.directiveId as string,
    parentId: row.parentId,
    updatedAt: row.updatedAt,
    title: row.title,
    body: row.body,
    issuedAt: row.issuedAt,
    issuingUnit: row.issuingUnit,
    unit: row.unit,
    /** The directive's own deadline; the receipt's may be earlier where a level above tightened it. */
    directiveDeadline: row.directiveDeadline,
    deadline: context.deadline,
    fromAbove: {
      unitName: row.parentUnitName ?? row.issuingUnit.name,
      requirements: row.requirements,
      addedRequirements: inheritedRequirements,
      addedForms: inheritedForms,
    },
    own: {
      addedRequirements: context.addedRequirements.slice(inheritedRequirements.length),
      addedForms: context.addedForms.slice(inheritedForms.length),
      amendments: context.amendments,
    },
    receivedAt: context.receivedAt,
    acknowledgedAt: context.acknowledgedAt,
    lateToAcknowledge: context.lateToAcknowledge,
    lateToForward: context.lateToForward,
    escalations: context.escalations ?? 0,
    actions,
  };
}

export type ReceiptView = Awaited<ReturnType<typeof receiptView>>;
