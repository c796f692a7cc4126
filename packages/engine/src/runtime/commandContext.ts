import type { Transaction } from '@cascade/db';
import type { ChainTips } from './chainTips.js';
import type { ChangeLog } from './changeLog.js';
import type { FanOutTally } from './fanOutProgress.js';
import type { PlannerStatistics } from './plannerStatistics.js';
import type { TemplateRegistry } from './templateRegistry.js';

/** A change to announce once its transaction has committed (live views, SSE). */
export type InstanceChange = { instanceId: string; directiveId: string | null; kind: string; orgUnitId: string | null; state: string };

/** Everything one command works with: its transaction, one instant for all it writes, who acts. */
export type CommandContext = {
  tx: Transaction;
  now: Date;
  actorId: string | null;
  templates: TemplateRegistry;
  /** What to announce once the transaction has committed. */
  changes: ChangeLog;
  /** Counts receipts created per directive and level, for progress while a large fan-out runs. */
  fanOut: FanOutTally;
  /** Refreshed as a large command creates instances, so foreign-key checks keep using the index. */
  statistics: PlannerStatistics;
  /** History hashes read along with their instances, so applying an event need not read them again. */
  chainTips: ChainTips;
};
