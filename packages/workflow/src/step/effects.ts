import type { Level } from '../levels.js';
import type { FormRef } from '../template/templateDefinition.js';

/** What a receipt hands to the receipts it creates below: the effective deadline and what the
 * units above added (amendments accumulate downward). */
export type ReceiptInput = {
  deadline: string;
  addedRequirements: string[];
  addedForms: FormRef[];
};

export type StageRef = { kind: 'report'; id: string } | { kind: 'screening' };

/** Side effects a step asks for. The pure step only describes them; the engine carries them out in
 * the same transaction as the snapshot it came with. */
export type Effect =
  | { type: 'fanOut'; toLevel: Level; input: ReceiptInput }
  | { type: 'startStages'; stages: StageRef[] }
  | { type: 'closeDirectiveWork' }
  | { type: 'openCase' }
  | { type: 'notify'; audience: 'unitAdmins' | 'parentAdmins' | 'assignees'; kind: string }
  | { type: 'setTimer'; timerId: string; delay: string; delayMs: number | null; event: { type: string } }
  | { type: 'cancelTimer'; timerId: string };
