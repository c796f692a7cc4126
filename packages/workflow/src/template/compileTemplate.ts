import type { AnyStateMachine } from 'xstate';
import type { Level } from '../levels.js';
import { caseMachine } from '../machines/caseMachine.js';
import { directiveMachine } from '../machines/directiveMachine.js';
import { evaluationMachine } from '../machines/evaluationMachine.js';
import type { MachineKey } from '../machines/machineKeys.js';
import { receiptMachine, type ReceiptShape } from '../machines/receiptMachine.js';
import { registrationMachine } from '../machines/registrationMachine.js';
import { reportTaskMachine } from '../machines/reportTaskMachine.js';
import { screeningTaskMachine } from '../machines/screeningTaskMachine.js';
import type { StageRef } from '../step/effects.js';
import type { StageStart, TemplateDefinition } from './templateDefinition.js';

export type CompiledTemplate = {
  definition: TemplateDefinition;
  machines: ReadonlyMap<MachineKey, AnyStateMachine>;
  machine(key: MachineKey): AnyStateMachine;
};

/** What a level's receipt machine looks like under this template; also what validation inspects. */
export function receiptShape(definition: TemplateDefinition, level: Level): ReceiptShape {
  const index = definition.chain.indexOf(level);
  const nextLevel = definition.chain[index + 1] ?? null;
  const issue = definition.stages.issue.levels[level] ?? { canAmend: false, autoForward: false };
  const stagesByState: Partial<Record<StageStart, StageRef[]>> = {};
  const add = (state: StageStart, ref: StageRef) => (stagesByState[state] ??= []).push(ref);
  for (const report of definition.stages.report) if (report.level === level) add(report.startsOn, { kind: 'report', id: report.id });
  const screening = definition.stages.mobilize?.screening;
  if (screening?.level === level) add(screening.startsOn, { kind: 'screening' });
  return { level, nextLevel, issue, stagesByState };
}

/** Builds every machine a directive under this template can need. Pure and deterministic: the same
 * definition always gives the same machines, which is what makes replay of stored history possible. */
export function compileTemplate(definition: TemplateDefinition): CompiledTemplate {
  const [issuing, firstReceiving] = definition.chain;
  if (!issuing || !firstReceiving) throw new Error('a chain needs at least two levels');
  const machines = new Map<MachineKey, AnyStateMachine>();
  machines.set('directive', directiveMachine(firstReceiving, definition.stages.report.length > 0));
  for (const level of definition.chain.slice(1)) machines.set(`receipt:${level}`, receiptMachine(receiptShape(definition, level)));
  for (const stage of definition.stages.report) machines.set(`task:report:${stage.id}`, reportTaskMachine(stage));
  machines.set('task:screening', screeningTaskMachine());
  machines.set('registration', registrationMachine());
  machines.set('evaluation', evaluationMachine());
  machines.set('case', caseMachine());
  return {
    definition,
    machines,
    machine(key) {
      const found = machines.get(key);
      if (!found) throw new Error(`template ${definition.key} has no machine ${key}`);
      return found;
    },
  };
}
