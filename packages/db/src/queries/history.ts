import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../client/database.js';
import { history } from '../schema/instances.js';
import { users } from '../schema/users.js';

/** An instance's history in order, with who acted. */
export async function listHistory(db: Executor, instanceId: string) {
  return db
    .select({
      id: history.id,
      seq: history.seq,
      eventType: history.eventType,
      payload: history.payload,
      actorId: history.actorId,
      actorName: users.displayName,
      fromState: history.fromState,
      toState: history.toState,
      at: sql<string>`to_json(${history.at}) #>> '{}'`,
      templateVersionId: history.templateVersionId,
      hash: history.hash,
      prevHash: history.prevHash,
    })
    .from(history)
    .leftJoin(users, eq(users.id, history.actorId))
    .where(eq(history.instanceId, instanceId))
    .orderBy(asc(history.seq));
}
