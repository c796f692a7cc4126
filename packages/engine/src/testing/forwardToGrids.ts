import type { AmendInput } from '../commands/directives.js';
import type { Scenario } from './buildScenario.js';
import { receiptOf } from './lookups.js';

/**
 * Township 431224001 acknowledges, optionally amends, and forwards a directive; then each of the
 * given villages (by default both of the township's) acknowledges and forwards, down to the grids.
 */
export async function forwardToGrids(s: Scenario, directiveId: string, options: { villages?: string[]; amend?: AmendInput } = {}): Promise<void> {
  const township = await receiptOf(s, directiveId, '431224001');
  const townshipAdmin = s.user('admin-431224001');
  await s.engine.acknowledge(townshipAdmin, township);
  if (options.amend) await s.engine.amend(townshipAdmin, township, options.amend);
  await s.engine.forward(townshipAdmin, township);
  for (const code of options.villages ?? ['431224001001', '431224001002']) {
    const village = await receiptOf(s, directiveId, code);
    await s.engine.acknowledge(s.user(`admin-${code}`), village);
    await s.engine.forward(s.user(`admin-${code}`), village);
  }
}
