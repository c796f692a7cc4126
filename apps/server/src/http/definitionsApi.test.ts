import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** A form the county designs in the builder: a required integer summed in roll-ups and a field
 * shown only when the answer above it says so. */
const outbreakForm = {
  key: 'fever-clinic-report',
  title: { zh: '发热门诊日报', en: 'Fever clinic daily report' },
  fields: [
    { key: 'visits', type: 'integer', label: { zh: '就诊人数', en: 'Visits' }, required: true, min: 0, aggregate: 'sum' },
    { key: 'referred', type: 'boolean', label: { zh: '是否转诊', en: 'Any referred' }, required: true },
    { key: 'referredNote', type: 'text', label: { zh: '转诊说明', en: 'Referral note' }, required: true, visibleWhen: { field: 'referred', equals: true } },
  ],
};

describe.each(testBackends())('forms and templates over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let server: Server;
  let url: string;
  const as: Record<string, ApiClient> = {};
  const login = async (username: string) => (as[username] ??= await signIn(url, username, scenario.password));

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    scenario = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: scenario.engine, dbKind: handle.kind }));
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('forms.get returns a version with its owner to the owner and to the units below, and to no one else', async () => {
    const county = await login('county-admin');
    const draft = await county.forms.saveDraft.mutate({ ownerUnitId: scenario.unit('431224').id, definition: outbreakForm });
    const own = await county.forms.get.query({ id: draft.id });
    expect(own).toMatchObject({ key: 'fever-clinic-report', version: 1, publishedAt: null, definition: outbreakForm, owner: { name: '溆浦县', level: 'county' } });

    // A township inherits the county's forms: it may read them, though not edit or publish them.
    const township = await login('admin-431224001');
    expect((await township.forms.get.query({ id: draft.id })).key).toBe('fever-clinic-report');
    expect(await failure(township.forms.publish.mutate({ formVersionId: draft.id }))).toMatchObject({ status: 403 });

    // Grid staff design nothing; an unknown id is a 404, a malformed one names the field.
    const grid = await login('grid-431224001001001');
    expect(await failure(grid.forms.get.query({ id: draft.id }))).toMatchObject({ status: 403 });
    expect(await failure(county.forms.get.query({ id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ status: 404 });
    expect((await failure(county.forms.get.query({ id: 'nope' }))).issues).toContainEqual(expect.objectContaining({ path: 'id' }));
  });

  it('forms.get does not reach a sibling township’s forms', async () => {
    const first = await login('admin-431224001');
    const draft = await first.forms.saveDraft.mutate({ ownerUnitId: scenario.unit('431224001').id, definition: { ...outbreakForm, key: 'lufeng-extra' } });
    const sibling = await login('admin-431224002');
    expect(await failure(sibling.forms.get.query({ id: draft.id }))).toMatchObject({ status: 403 });
    const county = await login('county-admin');
    expect((await county.forms.get.query({ id: draft.id })).owner.name).toBe('卢峰镇');
  });

  it('templates.get serves an inherited template with its compiled machines to a township, which can derive from it', async () => {
    const township = await login('admin-431224001');
    const parent = await township.templates.get.query({ id: scenario.templates.screening });
    expect(parent.owner).toMatchObject({ name: '溆浦县', level: 'county' });
    expect(Object.keys(parent.machines)).toEqual(expect.arrayContaining(['directive', 'receipt:township', 'task:report:daily-report', 'case']));
    expect(parent.machines['receipt:township']?.states.map((s) => s.name)).toEqual(['received', 'acknowledged', 'amended', 'forwarded', 'closed']);
    const auditor = await login('county-auditor');
    expect((await auditor.templates.get.query({ id: scenario.templates.screening })).key).toBe('five-level-screening');
    const grid = await login('grid-431224001001001');
    expect(await failure(grid.templates.get.query({ id: scenario.templates.screening }))).toMatchObject({ status: 403 });
  });

  it('templates.recipients names every unit of the next chain level under the issuing unit, for its admins only', async () => {
    const county = await login('county-admin');
    const countyId = scenario.unit('431224').id;
    const screening = await county.templates.recipients.query({ templateVersionId: scenario.templates.screening, issuingUnitId: countyId });
    expect(screening).toMatchObject({ level: 'township', total: 2 });
    expect(screening.units.map((u) => u.code)).toEqual(['431224001', '431224002']);

    // The next level need not be the children: a chain county → village reaches the villages.
    const skipping = await county.templates.saveDraft.mutate({
      ownerUnitId: countyId,
      definition: { key: 'county-to-village', name: { zh: '直达社区', en: 'Straight to the villages' }, chain: ['county', 'village'], stages: { issue: { levels: {} } } },
    });
    const villages = await county.templates.recipients.query({ templateVersionId: skipping.id, issuingUnitId: countyId });
    expect(villages).toMatchObject({ level: 'village', total: 4 });

    const township = await login('admin-431224001');
    expect(await failure(township.templates.recipients.query({ templateVersionId: scenario.templates.screening, issuingUnitId: countyId }))).toMatchObject({ status: 403 });
    expect(await failure(county.templates.recipients.query({ templateVersionId: '00000000-0000-4000-8000-000000000000', issuingUnitId: countyId }))).toMatchObject({ status: 404 });
  });
});
