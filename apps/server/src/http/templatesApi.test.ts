import type { Server } from 'node:http';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instances, templateVersions, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, type Scenario } from '@cascade/engine/testing';
import { fiveLevelScreeningTemplate, type TemplateDefinitionInput } from '@cascade/workflow';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** The county's five-level template, as a township would start from it: its own key and chain. */
function townshipChain(change: (draft: TemplateDefinitionInput) => void = () => {}): TemplateDefinitionInput {
  const draft = structuredClone(fiveLevelScreeningTemplate);
  draft.key = 'lufeng-screening';
  draft.name = { zh: '卢峰镇敲门排查与每日报告', en: 'Lufeng: door-to-door screening and daily report' };
  draft.chain = ['township', 'village', 'grid'];
  delete draft.stages.issue.levels.township;
  // The township asks its grids for the daily report two hours earlier than the county does.
  draft.stages.report![0]!.dueTime = '18:00';
  draft.stages.evaluate = { levels: ['village'] };
  change(draft);
  return draft;
}

/** A county template drafted in the editor, with one thing wrong. */
function countyDraft(change: (draft: TemplateDefinitionInput) => void): TemplateDefinitionInput {
  const draft = structuredClone(fiveLevelScreeningTemplate);
  draft.key = 'county-draft';
  change(draft);
  return draft;
}

describe.each(testBackends())('templates over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let s: Scenario;
  let server: Server;
  let url: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, s.password));
  const versions = async () => (await handle.db.select({ n: count() }).from(templateVersions))[0]!.n;

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    s = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: s.engine, dbKind: handle.kind }));
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it.each([
    [
      'an unknown form',
      (d: TemplateDefinitionInput) => (d.stages.report![0]!.form = { key: 'no-such-form', version: 1 }),
      [{ path: 'definition.stages.report.0.form', rule: 'unknownForm' }],
    ],
    [
      'a report at a level not in the chain',
      (d: TemplateDefinitionInput) => ((d.chain = ['county', 'township', 'village']), delete d.stages.issue.levels.grid, delete d.stages.mobilize),
      [{ path: 'definition.stages.report.0.level', rule: 'level' }],
    ],
    [
      'a stage that can never start',
      // Grids do not amend in this template, so a grid report starting on "amended" never starts.
      (d: TemplateDefinitionInput) => (d.stages.report![0]!.startsOn = 'amended'),
      [{ path: 'definition.stages.report.0.startsOn', rule: 'unreachable' }],
    ],
    [
      'a time zone that is not an IANA zone',
      (d: TemplateDefinitionInput) => (d.timeZone = 'Asia/Beijing'),
      [{ path: 'definition.timeZone', rule: 'timeZone' }],
    ],
  ])('saveDraft refuses %s at its exact path and writes nothing', async (_what, change, issues) => {
    const county = await login('county-admin');
    const before = await versions();
    const refused = await failure(county.templates.saveDraft.mutate({ ownerUnitId: s.unit('431224').id, definition: countyDraft(change) }));
    expect(refused).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect(refused.issues.map(({ path, rule }) => ({ path, rule }))).toEqual(issues);
    expect(refused.message).toMatch(/[\u4e00-\u9fff].* \/ /);
    expect(await versions()).toBe(before);
  });

  it('publish re-checks a draft and refuses one that no longer holds, naming the path; a published version cannot be published again', async () => {
    // A draft saved before time zones were checked: stored as it was, refused when published.
    const [stale] = await handle.db
      .insert(templateVersions)
      .values({ key: 'stale-draft', version: 1, ownerUnitId: s.unit('431224').id, definition: { ...fiveLevelScreeningTemplate, key: 'stale-draft', timeZone: 'China/Beijing' }, createdBy: s.user('county-admin'), createdAt: s.clock.now() })
      .returning({ id: templateVersions.id });
    const county = await login('county-admin');
    const refused = await failure(county.templates.publish.mutate({ templateVersionId: stale!.id }));
    expect(refused).toMatchObject({ status: 400, issues: [{ path: 'definition.timeZone', rule: 'timeZone' }] });
    const [row] = await handle.db.select({ publishedAt: templateVersions.publishedAt }).from(templateVersions).where(eq(templateVersions.id, stale!.id));
    expect(row?.publishedAt).toBeNull();
    expect(await failure(county.templates.publish.mutate({ templateVersionId: s.templates.screening }))).toMatchObject({ status: 400, issues: [{ path: 'templateVersionId', rule: 'draft' }] });
  });

  it('a township derives its own chain from the county’s template, tightening it, and publishes it', async () => {
    const township = await login('admin-431224001');
    const ownerUnitId = s.unit('431224001').id;
    // Loosening what the county asks is refused at the report's due time.
    const loosened = await failure(
      township.templates.saveDraft.mutate({ ownerUnitId, derivedFromId: s.templates.screening, definition: townshipChain((d) => (d.stages.report![0]!.dueTime = '21:00')) }),
    );
    expect(loosened).toMatchObject({ status: 400, issues: [{ path: 'definition.stages.report.0.dueTime', rule: 'loosened' }] });
    // A township cannot save templates for the county, nor derive from a sibling's draft.
    expect(await failure(township.templates.saveDraft.mutate({ ownerUnitId: s.unit('431224').id, definition: countyDraft(() => {}) }))).toMatchObject({ status: 403 });

    const draft = await township.templates.saveDraft.mutate({ ownerUnitId, derivedFromId: s.templates.screening, definition: townshipChain() });
    expect(draft.version).toBe(1);
    await township.templates.publish.mutate({ templateVersionId: draft.id });
    const published = await township.templates.get.query({ id: draft.id });
    expect(published).toMatchObject({ key: 'lufeng-screening', derivedFromId: s.templates.screening, owner: { level: 'township' } });
    expect(published.publishedAt).not.toBeNull();
    expect((published.definition as { chain: string[] }).chain).toEqual(['township', 'village', 'grid']);
    // The county's admins see it among the templates below them; the sibling township does not.
    expect((await township.templates.list.query({ orgUnitId: ownerUnitId })).map((t) => t.id)).toContain(draft.id);
    expect(await failure((await login('admin-431224002')).templates.get.query({ id: draft.id }))).toMatchObject({ status: 403 });

    // Issued by the township, it reaches the township's villages and nothing outside it.
    const { directiveId } = await township.directives.issue.mutate({ templateVersionId: draft.id, issuingUnitId: ownerUnitId, title: '卢峰镇敲门行动', body: '镇村两级全覆盖排查', deadline: new Date(s.clock.now().getTime() + 7 * 86_400_000).toISOString() });
    const receipts = await handle.db.select({ orgUnitId: instances.orgUnitId }).from(instances).where(eq(instances.directiveId, directiveId));
    const codes = receipts.map((r) => Object.values(s.units).find((u) => u.id === r.orgUnitId)!.code).sort();
    expect(codes).toEqual(['431224001', '431224001001', '431224001002']);
  });
});
