import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sessions, users, type DbHandle } from '@cascade/db';
import { DomainError } from '../errors.js';
import type { Scenario } from '../testing/buildScenario.js';
import { withScenario } from '../testing/withScenario.js';
import { SESSION_TTL_MS } from './sessions.js';

describe('sign-in and sessions', () => {
  let handle: DbHandle;
  let scenario: Scenario;
  withScenario('pglite', (ready) => ({ handle, s: scenario } = ready));

  it('stores a scrypt hash, never the password, and only a hash of the token', async () => {
    const [user] = await handle.db.select().from(users).where(eq(users.username, 'county-admin'));
    expect(user?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(user?.passwordHash).not.toContain(scenario.password);
    const { token } = await scenario.engine.login('county-admin', scenario.password);
    const stored = await handle.db.select().from(sessions);
    expect(stored.some((s) => s.tokenHash === token)).toBe(false);
  });

  it('resolves a session to the user and their grants until it expires', async () => {
    const { token, expiresAt } = await scenario.engine.login('admin-431224001', scenario.password);
    expect(expiresAt.getTime() - scenario.clock.now().getTime()).toBe(SESSION_TTL_MS);
    const principal = await scenario.engine.resolveSession(token);
    expect(principal).toMatchObject({ username: 'admin-431224001', grants: [{ role: 'admin', level: 'township', path: '431224/431224001' }] });
    scenario.clock.advance(SESSION_TTL_MS - 1000);
    expect(await scenario.engine.resolveSession(token)).not.toBeNull();
    scenario.clock.advance(2000);
    expect(await scenario.engine.resolveSession(token)).toBeNull();
  });

  it('resolves every grant in force in one go, none revoked, and a user with no grant at all', async () => {
    const { userId } = await scenario.engine.createUser({ username: 'two-hats', displayName: '两个角色', password: scenario.password });
    const { token: bare } = await scenario.engine.login('two-hats', scenario.password);
    expect(await scenario.engine.resolveSession(bare)).toMatchObject({ userId, username: 'two-hats', displayName: '两个角色', grants: [] });
    await scenario.engine.grantRole(null, { userId, role: 'grid_staff', orgUnitId: scenario.unit('431224001').id });
    const { grantId } = await scenario.engine.grantRole(null, { userId, role: 'auditor', orgUnitId: scenario.unit('431224').id });
    await scenario.engine.grantRole(null, { userId, role: 'admin', orgUnitId: scenario.unit('431224002').id });
    await scenario.engine.revokeRole(grantId);
    const principal = await scenario.engine.resolveSession(bare);
    expect(principal?.grants.map((g) => `${g.role}@${g.path}`).sort()).toEqual(['admin@431224/431224002', 'grid_staff@431224/431224001']);
    await handle.db.update(users).set({ disabled: true }).where(eq(users.id, userId));
    expect(await scenario.engine.resolveSession(bare)).toBeNull();
  });

  it('ends a session on logout', async () => {
    const { token } = await scenario.engine.login('county-auditor', scenario.password);
    await scenario.engine.logout(token);
    expect(await scenario.engine.resolveSession(token)).toBeNull();
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const wrong = await scenario.engine.login('county-admin', 'not-the-password').catch((e: unknown) => e);
    const unknown = await scenario.engine.login('nobody', 'not-the-password').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(DomainError);
    expect(unknown).toBeInstanceOf(DomainError);
    expect((wrong as DomainError).message).toBe((unknown as DomainError).message);
  });

  it('refuses a short password and a taken username, naming the field', async () => {
    const short = await scenario.engine.createUser({ username: 'new-user', displayName: '新用户', password: 'short' }).catch((e: unknown) => e);
    expect((short as DomainError).issues).toEqual([expect.objectContaining({ path: 'password', rule: 'minLength' })]);
    const taken = await scenario.engine.createUser({ username: 'county-admin', displayName: '重名', password: 'long-enough-password' }).catch((e: unknown) => e);
    expect((taken as DomainError).issues).toEqual([expect.objectContaining({ path: 'username', rule: 'unique' })]);
  });
});
