import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { generateGridsAndHouseholds, type FanOutProgress } from '@cascade/engine';
import { buildScenario, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

const GRIDS = 1000;

type Seen = { progress: FanOutProgress; at: number };

/** Follows a directive's fan-out over SSE until the grid level reports done, or the call fails. */
function follow(client: ApiClient, directiveId: string) {
  const seen: Seen[] = [];
  let started!: () => void;
  let finished!: (error?: unknown) => void;
  const ready = new Promise<void>((resolve) => (started = resolve));
  const done = new Promise<void>((resolve, reject) => (finished = (error) => (error ? reject(error) : resolve())));
  // Awaited by the test when it matters; a refusal must not surface as an unhandled rejection first.
  done.catch(() => {});
  const subscription = client.directives.onFanOutProgress.subscribe(
    { directiveId },
    {
      onStarted: () => started(),
      onData: (progress) => {
        seen.push({ progress, at: performance.now() });
        if (progress.done && progress.level === 'grid') finished();
      },
      onError: (error) => finished(error),
    },
  );
  return { seen, ready, done, stop: () => subscription.unsubscribe() };
}

describe.each(testBackends())('fan-out progress over SSE on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let server: Server;
  let url: string;
  let templateVersionId: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, s.password));

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    await generateGridsAndHouseholds(handle.db, { underPath: s.unit('431224').path, gridsPerVillage: GRIDS / 4, householdsPerGrid: 0, seed: 'progress' });
    const admin = s.user('county-admin');
    const draft = await s.engine.saveTemplateDraft(admin, {
      ownerUnitId: s.unit('431224').id,
      definition: {
        key: 'auto-forward-progress',
        name: { zh: '自动逐级下发', en: 'Forwarded automatically' },
        chain: ['county', 'township', 'village', 'grid'],
        stages: {
          issue: { levels: { township: { autoForward: true }, village: { autoForward: true } } },
          report: [{ id: 'daily', name: { zh: '日报', en: 'Daily' }, form: { key: 'daily-epidemic-report', version: 1 }, level: 'grid', period: 'daily', dueTime: '20:00' }],
        },
      },
    });
    await s.engine.publishTemplate(admin, draft.id);
    templateVersionId = draft.id;
    ({ server, url } = await startTestServer({ engine: s.engine, dbKind: handle.kind }));
  }, 300_000);
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('the issuer follows a directive it is issuing, level by level, before the issue call returns', async () => {
    const county = await login('county-admin');
    const auditor = await login('county-auditor');
    const directiveId = randomUUID();
    const watched = follow(county, directiveId);
    const audited = follow(auditor, directiveId);
    try {
      await Promise.all([watched.ready, audited.ready]);
      const result = await county.directives.issue.mutate({ id: directiveId, templateVersionId, issuingUnitId: s.unit('431224').id, title: '千格进度', body: '逐级下发', deadline: '2026-03-29T00:00:00Z' });
      const returned = performance.now();
      expect(result.directiveId).toBe(directiveId);
      await Promise.all([watched.done, audited.done]);
      const live = watched.seen.filter((e) => !e.progress.done);
      // Progress arrives while the transaction runs: the first grid batch before the call returned.
      expect(live.find((e) => e.progress.level === 'grid' && e.progress.created > 0)!.at).toBeLessThan(returned);
      expect(live.filter((e) => e.progress.level === 'grid').map((e) => e.progress.created)).toEqual([0, 500, 1000]);
      expect(watched.seen.filter((e) => e.progress.done).map((e) => e.progress)).toEqual([
        { directiveId, level: 'township', created: 2, expected: 2, done: true },
        { directiveId, level: 'village', created: 4, expected: 4, done: true },
        { directiveId, level: 'grid', created: GRIDS, expected: GRIDS, done: true },
      ]);
      // A reader of the issuing unit sees the same stream.
      expect(audited.seen.map((e) => e.progress)).toEqual(watched.seen.map((e) => e.progress));
    } finally {
      watched.stop();
      audited.stop();
    }
  });

  it('refuses the stream to those who may not read the directive, before and after it exists', async () => {
    const directiveId = randomUUID();
    const outsider = follow(await login('admin-431224002'), directiveId);
    const insider = follow(await login('county-admin'), directiveId);
    try {
      await Promise.all([outsider.ready, insider.ready]);
      await (await login('county-admin')).directives.issue.mutate({ id: directiveId, templateVersionId, issuingUnitId: s.unit('431224').id, title: '无权跟踪', body: '逐级下发', deadline: '2026-03-29T00:00:00Z' });
      await insider.done;
      await expect(outsider.done).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
      expect(outsider.seen).toEqual([]);
    } finally {
      outsider.stop();
      insider.stop();
    }
    // Once the directive exists a grid worker is refused at once.
    const worker = follow(await login('grid-431224001001001'), directiveId);
    try {
      await expect(worker.done).rejects.toMatchObject({ data: { code: 'FORBIDDEN' } });
    } finally {
      worker.stop();
    }
  });

  it('refuses an id already taken, naming the field, and issues nothing', async () => {
    const county = await login('county-admin');
    const directiveId = randomUUID();
    const input = { id: directiveId, templateVersionId, issuingUnitId: s.unit('431224').id, title: '重复编号', body: '逐级下发', deadline: '2026-03-29T00:00:00Z' };
    await county.directives.issue.mutate(input);
    const before = (await county.directives.list.query()).length;
    expect(await failure(county.directives.issue.mutate(input))).toMatchObject({ status: 400, issues: [{ path: 'id', rule: 'unique' }] });
    expect((await county.directives.list.query()).length).toBe(before);
  });
});
