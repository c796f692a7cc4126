import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { assignments, history, instances, orgUnits, roleGrants, type DbHandle } from '@cascade/db';
import { testBackends } from '@cascade/db/testing';
import { EventNotAllowedError } from '@cascade/workflow';
import { type DomainError } from '../errors.js';
import type { Scenario } from '../testing/buildScenario.js';
import { withScenario } from '../testing/withScenario.js';

describe.each(testBackends())('mobilisation on %s', (backend) => {
  let handle: DbHandle;
  let scenario: Scenario;
  let directiveId: string;
  let cadre: string;
  withScenario(backend, (ready) => ({ handle, s: scenario } = ready));
  beforeAll(async () => {
    directiveId = await scenario.issue({ template: 'mobilisation', title: '关于组织党员干部下沉基层一线参加疫情防控工作的通知', body: '机关党员干部到社区报到', deadline: new Date(scenario.clock.now().getTime() + 7 * 86_400_000) });
    ({ userId: cadre } = await scenario.engine.createUser({ username: 'cadre-1', displayName: '县委组织部 干部甲', password: 'cadre-password' }));
  });

  it('townships forward by themselves: villages hold receipts as soon as the directive is issued', async () => {
    const receipts = await handle.db.select().from(instances).where(and(eq(instances.directiveId, directiveId), eq(instances.kind, 'receipt')));
    expect(receipts.filter((r) => r.machine === 'receipt:township').map((r) => r.state)).toEqual(['forwarded', 'forwarded']);
    expect(receipts.filter((r) => r.machine === 'receipt:village')).toHaveLength(4);
  });

  it('a cadre sent down to a community registers there (报到) and is released afterwards', async () => {
    const admin = scenario.user('county-admin');
    const village = scenario.unit('431224001001');
    const { registrationId } = await scenario.engine.assignPerson(admin, { directiveId, userId: cadre, orgUnitId: village.id });
    expect(registrationId).toBeTruthy();
    const someoneElse = await scenario.engine.registerArrival(admin, registrationId!).catch((e: unknown) => e);
    expect((someoneElse as DomainError).issues).toEqual([expect.objectContaining({ path: 'registrationId', rule: 'self' })]);
    await scenario.engine.registerArrival(cadre, registrationId!);
    const twice = await scenario.engine.registerArrival(cadre, registrationId!).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(EventNotAllowedError);
    await scenario.engine.releaseRegistration(admin, registrationId!);
    const rows = await handle.db.select().from(history).where(eq(history.instanceId, registrationId!)).orderBy(history.seq);
    expect(rows.map((r) => [r.eventType, r.toState, r.actorId])).toEqual([
      ['xstate.init', 'assigned', admin],
      ['REGISTER', 'registered', cadre],
      ['RELEASE', 'released', admin],
    ]);
    const [assignment] = await handle.db.select().from(assignments).where(eq(assignments.userId, cadre));
    expect(assignment?.releasedAt).not.toBeNull();
  });

  it('refuses a duplicate assignment and a unit outside the directive', async () => {
    const admin = scenario.user('county-admin');
    const village = scenario.unit('431224002001');
    await scenario.engine.assignPerson(admin, { directiveId, userId: cadre, orgUnitId: village.id });
    const again = await scenario.engine.assignPerson(admin, { directiveId, userId: cadre, orgUnitId: village.id }).catch((e: unknown) => e);
    expect((again as DomainError).issues).toEqual([expect.objectContaining({ path: 'userId', rule: 'unique' })]);
    const { unitId } = await handle.db
      .insert(orgUnits)
      .values({ code: '99', name: '外省', level: 'province', depth: 0, path: '99' })
      .returning({ unitId: orgUnits.id })
      .then((r) => r[0]!);
    const outside = await scenario.engine.assignPerson(admin, { directiveId, userId: cadre, orgUnitId: unitId }).catch((e: unknown) => e);
    expect((outside as DomainError).issues).toEqual([expect.objectContaining({ path: 'orgUnitId', rule: 'scope' })]);
  });

  it('party members can take households (包户到人) without a registration, where the template says so', async () => {
    const admin = scenario.user('county-admin');
    const household = scenario.unit('4312240010010010001');
    // The cadre template sends people to communities only; the screening one lets members take households.
    const notHere = await scenario.engine.assignPerson(admin, { directiveId, userId: cadre, orgUnitId: household.id }).catch((e: unknown) => e);
    expect((notHere as DomainError).issues).toEqual([expect.objectContaining({ path: 'orgUnitId', rule: 'level' })]);
    const screening = await scenario.issue();
    const result = await scenario.engine.assignPerson(admin, { directiveId: screening, userId: cadre, orgUnitId: household.id });
    expect(result.registrationId).toBeNull();
  });

  it('withdrawing assignments: a cadre still to register has the registration closed, a registered one is released, a 包户 just ends', async () => {
    const admin = scenario.user('county-admin');
    const { userId: member } = await scenario.engine.createUser({ username: 'member-withdraw', displayName: '党员 乙', password: 'member-password' });
    const village = scenario.unit('431224002002');
    const first = await scenario.engine.assignPerson(admin, { directiveId, userId: member, orgUnitId: village.id });
    await scenario.engine.releaseAssignment(admin, first.assignmentId);
    const [closed] = await handle.db.select().from(instances).where(eq(instances.id, first.registrationId!));
    expect(closed?.state).toBe('closed');
    const late = await scenario.engine.registerArrival(member, first.registrationId!).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(EventNotAllowedError);

    const second = await scenario.engine.assignPerson(admin, { directiveId, userId: member, orgUnitId: village.id });
    await scenario.engine.registerArrival(member, second.registrationId!);
    await scenario.engine.releaseAssignment(admin, second.assignmentId);
    const [released] = await handle.db.select().from(instances).where(eq(instances.id, second.registrationId!));
    expect(released?.state).toBe('released');

    const household = scenario.unit('4312240020020010001');
    const plain = await scenario.engine.assignPerson(admin, { directiveId: await scenario.issue(), userId: member, orgUnitId: household.id });
    await scenario.engine.releaseAssignment(admin, plain.assignmentId);
    const rows = await handle.db.select().from(assignments).where(eq(assignments.userId, member));
    expect(rows.map((r) => r.releasedAt !== null)).toEqual([true, true, true]);
    const again = await scenario.engine.releaseAssignment(admin, plain.assignmentId).catch((e: unknown) => e);
    expect((again as DomainError).issues).toEqual([expect.objectContaining({ path: 'assignmentId', rule: 'released' })]);
  });

  it('refuses a role on a household, and changes nothing', async () => {
    const household = scenario.unit('4312240010020010001');
    const refused = await scenario.engine.grantRole(scenario.user('county-admin'), { userId: cadre, role: 'grid_staff', orgUnitId: household.id }).catch((e: unknown) => e);
    expect((refused as DomainError).issues).toEqual([expect.objectContaining({ path: 'orgUnitId', rule: 'level' })]);
    const grants = await handle.db.select().from(roleGrants).where(eq(roleGrants.userId, cadre));
    expect(grants).toHaveLength(0);
  });
});
