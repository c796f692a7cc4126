import type { Level } from '../levels.js';
import type { FormRef } from '../template/templateDefinition.js';

/** What a receipt hands to the receipts it creates below: the effective deadline and what the
 * units above added (amendments accumulate downward). */
export type ReceiptInput = {
  /** When the receipt was created: the engine stamps every input and event with `at`. */
  at?: string;
  deadline: string;
  addedRequirements: string[];
  addedForms: FormRef[];
};

export type NotifyAudience = 'unitAdmins' | 'parentAdmins' | 'assignees';

export type StageRef = { kind: 'report'; id: string } | { kind: 'screening' };

/** Side effects a step asks for. The pure step only describes them; the engine carries them out in
 * the same transaction as the snapshot it came with. */
export type Effect =
  | { type: 'fanOut'; toLevel: Level; input: ReceiptInput }
  | { type: 'startStages'; stages: StageRef[] }
  | { type: 'closeDirectiveWork' }
  | { type: 'openCase' }
  | { type: 'notify'; audience: NotifyAudience; kind: string }
  | { type: 'escalate' }
  | { type: 'openPeriod'; stageId: string; periodStart: string | null }
  | { type: 'schedulePeriods'; stageId?: string; after?: string | null }
  | { type: 'setTimer'; timerId: string; delay: string; delayMs: number | null; event: { type: string } }
  | { type: 'cancelTimer'; timerId: string };
