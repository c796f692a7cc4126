import type { Agent } from 'node:http';
import { dailyAnswers } from '../data/dailyAnswers.js';
import { TrpcHttp, type Call } from '../load/trpcHttp.js';

export type LoadOptions = { seconds: number; thinkMs: number; rampSeconds: number };
export type Operation = 'signIn' | 'list' | 'submit';
export const OPERATIONS: readonly Operation[] = ['signIn', 'list', 'submit'];
/** `afterSignInsMs`: the lists and submits started once every user had signed in (the rep's steady part). */
export type LoadRep = { seconds: number; latenciesMs: Record<Operation, number[]>; afterSignInsMs: number[]; errors: string[]; submitted: number };

type Timed = { op: Operation; startedAt: number; ms: number };

/** Every request's latency in the rep, sign-ins included. */
export const everyLatency = (rep: LoadRep): number[] => OPERATIONS.flatMap((op) => rep.latenciesMs[op]);

type TaskRow = { id: string; kind: string; state: string };

const SUBMITTABLE = new Set(['open', 'overdue', 'returned']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One simulated grid-staff member for `seconds`: signs in once (its start spread over the ramp), then
 * repeatedly lists its tasks (`tasks.mine`, as the phone app's task list does) and submits the day's
 * report of the first one still open, pausing a think time (uniform 0.5–1.5 × thinkMs) before every
 * request. Every non-2xx response is an error.
 */
async function simulatedUser(http: TrpcHttp, username: string, password: string, options: LoadOptions, deadline: number, rep: LoadRep, timed: Timed[], seed: number): Promise<void> {
  let random = seed;
  const next = () => {
    // A small LCG: the same think times on every run of the same scale.
    random = (random * 1_103_515_245 + 12_345) % 2 ** 31;
    return random / 2 ** 31;
  };
  const think = () => sleep(options.thinkMs * (0.5 + next()));
  const record = <T>(op: Operation, startedAt: number, call: Call<T>): call is Extract<Call<T>, { ok: true }> => {
    rep.latenciesMs[op].push(call.ms);
    timed.push({ op, startedAt, ms: call.ms });
    if (!call.ok) rep.errors.push(`${op} ${call.status} ${call.message}`);
    return call.ok;
  };
  await sleep(options.rampSeconds * 1000 * next());
  const loginAt = performance.now();
  const login = await http.mutate<{ token: string }>('auth.login', { username, password });
  if (!record('signIn', loginAt, login)) return;
  const client = http.withToken(login.data.token);
  let answer = seed * 1000;
  while (performance.now() < deadline) {
    await think();
    if (performance.now() >= deadline) break;
    const listAt = performance.now();
    const list = await client.query<TaskRow[]>('tasks.mine');
    if (!record('list', listAt, list)) continue;
    const task = list.data.find((t) => t.kind === 'report' && SUBMITTABLE.has(t.state));
    if (!task) continue;
    await think();
    if (performance.now() >= deadline) break;
    const submitAt = performance.now();
    const submit = await client.mutate('tasks.submit', { taskId: task.id, data: dailyAnswers(answer++), idempotencyKey: `load-${task.id}` });
    if (record('submit', submitAt, submit)) rep.submitted++;
  }
}

/** `users` simulated grid-staff members against the server at once for `seconds`. */
export async function loadRep(url: string, agent: Agent, password: string, users: string[], options: LoadOptions, seed: number): Promise<LoadRep> {
  const http = new TrpcHttp(url, agent);
  const rep: LoadRep = { seconds: 0, latenciesMs: { signIn: [], list: [], submit: [] }, afterSignInsMs: [], errors: [], submitted: 0 };
  const timed: Timed[] = [];
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  await Promise.all(users.map((u, i) => simulatedUser(http, u, password, options, deadline, rep, timed, seed * 10_007 + i + 1)));
  rep.seconds = (performance.now() - start) / 1000;
  const signedIn = Math.max(...timed.filter((t) => t.op === 'signIn').map((t) => t.startedAt + t.ms));
  rep.afterSignInsMs = timed.filter((t) => t.op !== 'signIn' && t.startedAt >= signedIn).map((t) => t.ms);
  return rep;
}
