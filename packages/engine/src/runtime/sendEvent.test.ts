import { describe, expect, it } from 'vitest';
import { instances } from '@cascade/db';
import { eq } from 'drizzle-orm';
import { withScenario, type ScenarioSuite } from '../testing/withScenario.js';
import { applyEvent, loadInstance, type EventWrite } from './sendEvent.js';
import { TemplateRegistry } from './templateRegistry.js';
import { transact } from './transact.js';

describe('applyEvent with rows of a command alongside', () => {
  let suite: ScenarioSuite;
  withScenario('pglite', (ready) => (suite = ready));

  it("refuses a command's value named like one of the event's own, before writing anything", async () => {
    const { s } = suite;
    const directiveId = await s.issue();
    const [before] = await s.db.select({ version: instances.version }).from(instances).where(eq(instances.id, directiveId));
    let writes = 0;
    const write: EventWrite = async () => {
      writes++;
      return [{ id: directiveId }];
    };
    const options = { db: s.db, clock: s.clock, templates: new TemplateRegistry(), onCommit: () => {} };
    await expect(
      transact(options, null, async (ctx) => applyEvent(ctx, await loadInstance(ctx, directiveId), { type: 'CLOSE' }, { write, values: { note: 'kept', state: 'closed' } })),
    ).rejects.toThrow('"state"');
    expect(writes).toBe(0);
    const [after] = await s.db.select({ version: instances.version }).from(instances).where(eq(instances.id, directiveId));
    expect(after?.version).toBe(before?.version);
  });
});
