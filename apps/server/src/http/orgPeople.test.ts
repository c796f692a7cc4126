import type { Server } from 'node:http';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, roleGrants, users, type DbHandle } from '@cascade/db';
import { createTestDatabase, testBackends } from '@cascade/db/testing';
import { buildScenario, forwardToGrids, type Scenario } from '@cascade/engine/testing';
import { failure, signIn, type ApiClient } from './apiClient.testkit.js';
import { startTestServer, stopTestServer } from './testServer.testkit.js';

/** The org screens' API: the tree seen from a township, people and roles within it, and mobilisation
 * (包户, 下沉报到), each write refused outside the admin's subtree. */
describe.each(testBackends())('org tree, people and mobilisation over HTTP on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let server: Server;
  let url: string;
  const sessions: Record<string, ApiClient> = {};
  const as = async (username: string, password?: string) => (sessions[username] ??= await signIn(url, username, password ?? scenario.password));
  const unit = (code: string) => scenario.unit(code);
  const township = 'admin-431224001';
  const otherTownship = 'admin-431224002';
  const grid = '431224001001001';
  const foreignGrid = '431224002001001';

  beforeAll(async () => {
    handle = await createTestDatabase(backend);
    scenario = await buildScenario(handle.db);
    ({ server, url } = await startTestServer({ engine: scenario.engine, dbKind: handle.kind }));
  });
  afterAll(async () => {
    await stopTestServer(server);
    await handle?.close();
  });

  it('shows a township admin their township as the root, its children with counts, and the way down to a grid', async () => {
    const admin = await as(township);
    expect((await admin.orgUnits.roots.query()).map((u) => u.code)).toEqual(['431224001']);
    const children = await admin.orgUnits.children.query({ id: unit('431224001').id });
    expect(children.map((c) => [c.code, c.level, c.childCount])).toEqual([
      ['431224001001', 'village', 2],
      ['431224001002', 'village', 2],
    ]);
    // The county above the township is not part of the township admin's view.
    expect((await admin.orgUnits.ancestors.query({ id: unit(grid).id })).map((u) => u.code)).toEqual(['431224001', '431224001001', grid]);
    expect((await as('county-admin').then((c) => c.orgUnits.ancestors.query({ id: unit(grid).id }))).map((u) => u.code)).toEqual(['431224', '431224001', '431224001001', grid]);
    expect(await failure(admin.orgUnits.ancestors.query({ id: unit(foreignGrid).id }))).toMatchObject({ status: 403 });
  });

  it('searches by name or code only within the admin’s subtree', async () => {
    const admin = await as(township);
    expect((await admin.orgUnits.search.query({ query: '第1网格' })).map((u) => u.code)).toEqual(['431224001001001', '431224001002001']);
    expect((await admin.orgUnits.search.query({ query: '431224001002' })).map((u) => u.code)).toEqual(['431224001002', '431224001002001', '431224001002002']);
    expect(await admin.orgUnits.search.query({ query: '431224002' })).toEqual([]);
  });

  it('creates a person with grid_staff on a grid, who then signs in and sees the grid’s tasks', async () => {
    const directiveId = await scenario.issue();
    await forwardToGrids(scenario, directiveId);
    const admin = await as(township);
    const { userId } = await admin.people.create.mutate({ username: 'new-grid-worker', displayName: '网格员 新人', password: 'new-worker-pass', role: 'grid_staff', orgUnitId: unit(grid).id });
    const people = await admin.people.list.query({ orgUnitId: unit(grid).id });
    expect(people.filter((p) => p.userId === userId).map((p) => [p.role, p.unit.name])).toEqual([['grid_staff', unit(grid).name]]);
    const worker = await as('new-grid-worker', 'new-worker-pass');
    const tasks = await worker.tasks.mine.query();
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((t) => t.unit.code))).toEqual(new Set([grid]));
  });

  it('refuses people and roles outside the admin’s subtree, on a household, and the admin’s own grant, changing nothing', async () => {
    const admin = await as(township);
    const [before] = await handle.db.select({ n: count() }).from(users);
    const [grantsBefore] = await handle.db.select({ n: count() }).from(roleGrants);
    const outside = await failure(admin.people.create.mutate({ username: 'outsider', displayName: '外人', password: 'outsider-pass', role: 'grid_staff', orgUnitId: unit(foreignGrid).id }));
    expect(outside).toMatchObject({ status: 403, code: 'FORBIDDEN' });
    expect(outside.message).toMatch(/添加人员/);
    const worker = scenario.user(`grid-${grid}`);
    expect(await failure(admin.people.grant.mutate({ userId: worker, role: 'grid_staff', orgUnitId: unit(foreignGrid).id }))).toMatchObject({ status: 403 });
    const household = await failure(admin.people.grant.mutate({ userId: worker, role: 'grid_staff', orgUnitId: unit(`${grid}0001`).id }));
    expect(household).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'orgUnitId', rule: 'level' })] });
    const foreignGrant = (await (await as(otherTownship)).people.list.query({ orgUnitId: unit(foreignGrid).id }))[0]!;
    expect(await failure(admin.people.revoke.mutate({ grantId: foreignGrant.grantId }))).toMatchObject({ status: 403 });
    const own = (await admin.people.list.query({ orgUnitId: unit('431224001').id })).find((p) => p.username === township)!;
    expect(await failure(admin.people.revoke.mutate({ grantId: own.grantId }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'grantId', rule: 'self' })] });
    const taken = await failure(admin.people.create.mutate({ username: township, displayName: '重名', password: 'duplicate-pass', role: 'grid_staff', orgUnitId: unit(grid).id }));
    expect(taken).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'username', rule: 'unique' })] });
    const [after] = await handle.db.select({ n: count() }).from(users);
    const [grantsAfter] = await handle.db.select({ n: count() }).from(roleGrants);
    expect([after?.n, grantsAfter?.n]).toEqual([before?.n, grantsBefore?.n]);
  });

  it('grants a role to someone found by username, and revokes it', async () => {
    const admin = await as(township);
    const found = await admin.people.lookup.query({ username: 'grid-431224002001001' });
    expect(found?.displayName).toBe('grid-431224002001001');
    expect(await admin.people.lookup.query({ username: 'nobody-by-this-name' })).toBeNull();
    expect(await failure((await as(`grid-${grid}`)).people.lookup.query({ username: township }))).toMatchObject({ status: 403 });
    const { grantId } = await admin.people.grant.mutate({ userId: found!.id, role: 'grid_staff', orgUnitId: unit('431224001002002').id });
    expect((await admin.people.list.query({ orgUnitId: unit('431224001002002').id })).map((p) => p.grantId)).toContain(grantId);
    await admin.people.revoke.mutate({ grantId });
    expect((await admin.people.list.query({ orgUnitId: unit('431224001002002').id })).map((p) => p.grantId)).not.toContain(grantId);
    expect(await failure(admin.people.revoke.mutate({ grantId }))).toMatchObject({ status: 404 });
  });

  it('mobilises: a cadre sent to a community registers there; members take households; coverage counts them; the township releases and withdraws', async () => {
    const county = await as('county-admin');
    const admin = await as(township);
    const cadreDirective = await scenario.issue({ template: 'mobilisation', title: '党员干部下沉社区报到' });
    const screening = await scenario.issue({ title: '包户到人' });
    expect(await admin.mobilize.options.query({ directiveId: cadreDirective })).toEqual({ levels: ['village'], registrationLevel: 'village' });
    expect(await admin.mobilize.options.query({ directiveId: screening })).toEqual({ levels: ['grid', 'household'], registrationLevel: null });
    await admin.people.create.mutate({ username: 'cadre-down', displayName: '下沉干部 甲', password: 'cadre-down-pass', role: 'grid_staff', orgUnitId: unit('431224001001').id });
    const cadreId = (await admin.people.lookup.query({ username: 'cadre-down' }))!.id;
    const sent = await admin.mobilize.assign.mutate({ directiveId: cadreDirective, userId: cadreId, orgUnitId: unit('431224001001').id });
    expect(sent.registrationId).toBeTruthy();
    const wrongLevel = await failure(admin.mobilize.assign.mutate({ directiveId: cadreDirective, userId: cadreId, orgUnitId: unit(grid).id }));
    expect(wrongLevel).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'orgUnitId', rule: 'level' })] });
    const member = scenario.user(`grid-${grid}`);
    const household = await admin.mobilize.assign.mutate({ directiveId: screening, userId: member, orgUnitId: unit(`${grid}0001`).id });
    await admin.mobilize.assign.mutate({ directiveId: screening, userId: member, orgUnitId: unit(`${grid}0002`).id });
    expect(household.registrationId).toBeNull();
    expect(await failure(admin.mobilize.assign.mutate({ directiveId: screening, userId: member, orgUnitId: unit(`${foreignGrid}0001`).id }))).toMatchObject({ status: 403 });

    const coverage = await admin.mobilize.coverage.query({ orgUnitId: unit('431224001001').id, directiveId: screening });
    expect(coverage.map((g) => [g.code, g.covered, g.households])).toEqual([
      [grid, 2, 3],
      ['431224001001002', 0, 3],
    ]);

    const cadre = await as('cadre-down', 'cadre-down-pass');
    const mine = await cadre.mobilize.mine.query();
    expect(mine.map((a) => [a.unit.code, a.directiveTitle, a.registration?.state])).toEqual([['431224001001', '党员干部下沉社区报到', 'assigned']]);
    expect(await failure(admin.mobilize.register.mutate({ registrationId: sent.registrationId! }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ rule: 'self' })] });
    await cadre.mobilize.register.mutate({ registrationId: sent.registrationId! });
    const listed = await admin.mobilize.list.query({ orgUnitId: unit('431224001').id, directiveId: cadreDirective });
    expect(listed.map((a) => [a.person.username, a.registration?.state, a.releasedAt])).toEqual([['cadre-down', 'registered', null]]);

    // The other township and grid staff may not touch these; an auditor reads but does not write.
    const other = await as(otherTownship);
    expect(await failure(other.mobilize.release.mutate({ registrationId: sent.registrationId! }))).toMatchObject({ status: 403 });
    expect(await failure(other.mobilize.unassign.mutate({ assignmentId: household.assignmentId }))).toMatchObject({ status: 403 });
    expect(await failure(other.mobilize.list.query({ orgUnitId: unit('431224001').id }))).toMatchObject({ status: 403 });
    expect(await failure((await as(`grid-${grid}`)).mobilize.list.query({ orgUnitId: unit(grid).id }))).toMatchObject({ status: 403 });
    const auditor = await as('county-auditor');
    expect((await auditor.mobilize.list.query({ orgUnitId: unit('431224001').id })).length).toBe(3);
    expect(await failure(auditor.mobilize.unassign.mutate({ assignmentId: household.assignmentId }))).toMatchObject({ status: 403 });

    await admin.mobilize.release.mutate({ registrationId: sent.registrationId! });
    await admin.mobilize.unassign.mutate({ assignmentId: household.assignmentId });
    expect(await failure(admin.mobilize.unassign.mutate({ assignmentId: household.assignmentId }))).toMatchObject({ status: 400, issues: [expect.objectContaining({ path: 'assignmentId', rule: 'released' })] });
    const after = await county.mobilize.list.query({ orgUnitId: unit('431224').id });
    expect(after.map((a) => [a.unit.code, a.registration?.state ?? null, a.releasedAt !== null])).toEqual([
      [`${grid}0002`, null, false],
      // Ended ones last; the scenario's clock stands still, so equal times fall back to the tree order.
      ['431224001001', 'released', true],
      [`${grid}0001`, null, true],
    ]);
    const [active] = await handle.db.select({ n: count() }).from(assignments).where(eq(assignments.directiveId, screening));
    expect(active?.n).toBe(2);
    expect((await admin.mobilize.coverage.query({ orgUnitId: unit(grid).id, directiveId: screening })).map((g) => g.covered)).toEqual([1]);
  });
});
