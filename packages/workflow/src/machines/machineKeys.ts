import type { Level } from '../levels.js';

/** Stable names of compiled machines; stored on every instance so replay finds the same machine. */
export type MachineKey =
  | 'directive'
  | `receipt:${Level}`
  | `task:report:${string}`
  | 'task:screening'
  | 'registration'
  | 'evaluation'
  | 'case';

export type InstanceKind = 'directive' | 'receipt' | 'task' | 'registration' | 'evaluation' | 'case';

export function kindOfMachine(key: MachineKey): InstanceKind {
  return key.split(':')[0] as InstanceKind;
}

export function receiptMachineKey(level: Level): MachineKey {
  return `receipt:${level}`;
}
