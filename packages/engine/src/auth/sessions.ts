import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { orgUnits, preparedStatement, roleGrants, sessions, users, type Executor } from '@cascade/db';
import type { Clock } from '../clock.js';
import { DomainError } from '../errors.js';
import { verifyPassword } from './password.js';
import type { Role } from './roles.js';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type Grant = { role: Role; orgUnitId: string; path: string; level: string };
export type Principal = { userId: string; username: string; displayName: string; grants: Grant[] };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Same answer and similar time for an unknown user and a wrong password. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

export async function login(db: Executor, clock: Clock, username: string, password: string): Promise<{ token: string; expiresAt: Date }> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok || user.disabled) throw new DomainError('FORBIDDEN', 'wrong username or password', [{ path: 'password', rule: 'credentials', message: { zh: '用户名或密码错误', en: 'wrong username or password' } }]);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(clock.now().getTime() + SESSION_TTL_MS);
  await db.insert(sessions).values({ tokenHash: tokenHash(token), userId: user.id, createdAt: clock.now(), expiresAt });
  return { token, expiresAt };
}

export async function logout(db: Executor, clock: Clock, token: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: clock.now() }).where(eq(sessions.tokenHash, tokenHash(token)));
}

const principalOfSession = preparedStatement('principal_of_session', (db) =>
  db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      disabled: users.disabled,
      role: roleGrants.role,
      orgUnitId: roleGrants.orgUnitId,
      path: orgUnits.path,
      level: orgUnits.level,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(roleGrants, and(eq(roleGrants.userId, users.id), isNull(roleGrants.revokedAt)))
    .leftJoin(orgUnits, eq(orgUnits.id, roleGrants.orgUnitId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now')))),
);

/** The signed-in user behind a bearer token, with the grants in force; null when the session is
 * unknown, expired or revoked. One statement (a row per grant in force, or one without), since every
 * request of a signed-in user starts here. */
export async function resolveSession(db: Executor, clock: Clock, token: string): Promise<Principal | null> {
  const rows = await principalOfSession(db, { tokenHash: tokenHash(token), now: clock.now().toISOString() });
  const [row] = rows;
  if (!row || row.disabled) return null;
  const grants = rows.flatMap((g) => (g.role !== null && g.orgUnitId !== null && g.path !== null && g.level !== null ? [{ role: g.role, orgUnitId: g.orgUnitId, path: g.path, level: g.level }] : []));
  return { userId: row.userId, username: row.username, displayName: row.displayName, grants: grants as Grant[] };
}
