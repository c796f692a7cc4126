import { TRPCError } from '@trpc/server';
import { queries, type Database } from '@cascade/db';

/** Loads what a procedure acts on, with the unit path its authority check needs; 404 when absent. */
export async function loadInstanceScope(db: Database, instanceId: string, kind?: string) {
  const found = await queries.getInstance(db, instanceId);
  if (!found || (kind && found.instance.kind !== kind)) throw new TRPCError({ code: 'NOT_FOUND', message: `${kind ?? 'instance'} ${instanceId} 不存在 / not found` });
  return { instance: found.instance, path: found.unitPath ?? '' };
}

export async function loadDirective(db: Database, directiveId: string) {
  const found = await queries.getDirective(db, directiveId);
  if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: `通知不存在 / directive ${directiveId} not found` });
  return found;
}

export async function loadUnit(db: Database, unitId: string, field: string) {
  const unit = await queries.getOrgUnit(db, unitId);
  if (!unit) throw new TRPCError({ code: 'BAD_REQUEST', message: `${field} [exists]: 组织单位不存在 / org unit does not exist` });
  return unit;
}

export async function loadTask(db: Database, taskId: string) {
  const task = await queries.getTask(db, taskId);
  if (!task) throw new TRPCError({ code: 'NOT_FOUND', message: `任务不存在 / task ${taskId} not found` });
  return task;
}

/** A task's directive and unit path for an authority check before a write; 404 when absent. */
export async function loadTaskScope(db: Database, taskId: string) {
  const task = await queries.getTaskScope(db, taskId);
  if (!task) throw new TRPCError({ code: 'NOT_FOUND', message: `任务不存在 / task ${taskId} not found` });
  return task;
}
