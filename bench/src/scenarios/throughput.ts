import type { Agent } from 'node:http';
import { dailyAnswers } from '../data/dailyAnswers.js';
import { signIn, TrpcHttp } from '../load/trpcHttp.js';

export type ThroughputRep = { seconds: number; events: number; latenciesMs: number[]; errors: string[] };

/**
 * Event throughput through the real server: `clients` grid-staff users, signed in beforehand, each
 * submitting its own tasks' daily reports one after the other as fast as answers come back
 * (`tasks.submit`: session, authority, validation, engine transaction with history). Timed from the
 * first request to the last response.
 */
export async function throughputRep(url: string, agent: Agent, password: string, clients: Array<{ username: string; taskIds: string[] }>, firstAnswer: number): Promise<ThroughputRep> {
  const http = new TrpcHttp(url, agent);
  const signedIn = await Promise.all(clients.map(async (c) => ({ ...c, client: (await signIn(http, c.username, password)).client })));
  const latenciesMs: number[] = [];
  const errors: string[] = [];
  let events = 0;
  const start = performance.now();
  await Promise.all(
    signedIn.map(async ({ client, taskIds }, k) => {
      for (let i = 0; i < taskIds.length; i++) {
        const taskId = taskIds[i] as string;
        const result = await client.mutate('tasks.submit', { taskId, data: dailyAnswers(firstAnswer + k * taskIds.length + i), idempotencyKey: `tp-${taskId}` });
        latenciesMs.push(result.ms);
        if (result.ok) events++;
        else errors.push(`${result.status} ${result.message}`);
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, events, latenciesMs, errors };
}
