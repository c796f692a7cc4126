import type { instances } from '@cascade/db';
import type { MachineKey, PersistedSnapshot } from '@cascade/workflow';

export type InstanceRow = typeof instances.$inferSelect & { machine: MachineKey; snapshot: PersistedSnapshot };
