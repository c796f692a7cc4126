import { and, eq, isNull } from 'drizzle-orm';
import { roleGrants, users, type Executor } from '@cascade/db';
import type { Clock } from '../clock.js';
import { invalidField, notFound } from '../errors.js';
import { requireUnit } from '../runtime/orgUnitLookup.js';
import { hashPassword } from './password.js';
import type { Role } from './roles.js';

export type CreateUserInput = { username: string; displayName: string; password: string; phone?: string };

export async function createUser(db: Executor, input: CreateUserInput): Promise<{ userId: string }> {
  if (input.password.length < 8) throw invalidField('password', 'minLength', '密码至少 8 位', 'the password needs at least 8 characters');
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (taken) throw invalidField('username', 'unique', `用户名 ${input.username} 已存在`, `username ${input.username} is taken`);
  const [row] = await db
    .insert(users)
    .values({ username: input.username, displayName: input.displayName, phone: input.phone ?? null, passwordHash: await hashPassword(input.password) })
    .returning({ id: users.id });
  return { userId: row?.id as string };
}

export async function grantRole(db: Executor, clock: Clock, input: { userId: string; role: Role; orgUnitId: string; grantedBy: string | null }): Promise<{ grantId: string }> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, input.userId));
  if (!user) throw invalidField('userId', 'exists', '用户不存在', 'the user does not exist');
  const unit = await requireUnit(db, input.orgUnitId, 'orgUnitId');
  // A household is what grid staff visit, not a post anyone holds: a role there would reach no one.
  if (unit.level === 'household') throw invalidField('orgUnitId', 'level', '不能在住户上授予角色', 'roles cannot be held on a household');
  const [existing] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, input.userId), eq(roleGrants.role, input.role), eq(roleGrants.orgUnitId, input.orgUnitId), isNull(roleGrants.revokedAt)));
  if (existing) return { grantId: existing.id };
  const [row] = await db
    .insert(roleGrants)
    .values({ userId: input.userId, role: input.role, orgUnitId: input.orgUnitId, grantedBy: input.grantedBy, grantedAt: clock.now() })
    .returning({ id: roleGrants.id });
  return { grantId: row?.id as string };
}

export async function revokeRole(db: Executor, clock: Clock, grantId: string): Promise<void> {
  const revoked = await db
    .update(roleGrants)
    .set({ revokedAt: clock.now() })
    .where(and(eq(roleGrants.id, grantId), isNull(roleGrants.revokedAt)))
    .returning({ id: roleGrants.id });
  if (revoked.length === 0) throw notFound('active role grant', grantId);
}
