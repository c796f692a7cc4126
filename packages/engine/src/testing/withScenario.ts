import { afterAll, beforeAll } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase, type TestBackend } from '@cascade/db/testing';
import { buildScenario, type Scenario } from './buildScenario.js';

export type ScenarioSuite = { handle: DbHandle; s: Scenario };

/**
 * Gives the enclosing suite a fresh database on `backend` with the scenario built in it, handed to
 * `ready` before the suite's own hooks run, and closes the database after the suite (`createDb`
 * already copes with PostgreSQL ending idle connections). Registers vitest hooks, so it is kept out of
 * testing/index.ts, which also loads outside a test runner.
 */
export function withScenario(backend: TestBackend, ready: (suite: ScenarioSuite) => void, options: { start?: Date } = {}): void {
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    ready({ handle, s: await buildScenario(handle.db, options) });
  });
  afterAll(async () => handle?.close());
}
