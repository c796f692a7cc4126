import { randomUUID } from 'node:crypto';
import BpmnModdle from 'bpmn-moddle';
import { Engine } from 'bpmn-engine';
import type { DbHandle } from '@cascade/db';
import { bareConnections, runWorkers, type BareConnection } from './bareSql.js';
import type { LoopResult } from './protocol.js';

/** The four stages of a directive as a BPMN process: each a user task, signalled in turn. */
export const BPMN_STEPS = ['issue', 'mobilize', 'report', 'evaluate'] as const;

export const BPMN_SOURCE = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="cascade-bench" targetNamespace="http://cascade.invalid/bench">
  <process id="directive" isExecutable="true">
    <startEvent id="start" />
${BPMN_STEPS.map((s) => `    <userTask id="${s}" />`).join('\n')}
    <endEvent id="end" />
${['start', ...BPMN_STEPS].map((from, i) => `    <sequenceFlow id="flow${i}" sourceRef="${from}" targetRef="${[...BPMN_STEPS, 'end'][i]}" />`).join('\n')}
  </process>
</definitions>`;

const CREATE_TABLE = 'create table if not exists bench_bpmn_states (id uuid primary key, state jsonb not null, updated_at timestamptz not null)';
const INSERT_STATE = 'insert into bench_bpmn_states (id, state, updated_at) values ($1, $2::jsonb, now())';
const UPDATE_STATE = 'update bench_bpmn_states set state = $2::jsonb, updated_at = now() where id = $1';

type Started = { id: string; engine: Engine; execution: Awaited<ReturnType<Engine['execute']>> };

/** Parsed once and shared by every process, so the peer pays for no XML parsing per process. */
let moddleContext: Promise<unknown> | undefined;

async function startProcess(connection: BareConnection): Promise<Started> {
  moddleContext ??= new BpmnModdle().fromXML(BPMN_SOURCE);
  const engine = new Engine({ name: 'directive', moddleContext: (await moddleContext) as never });
  const execution = await engine.execute();
  const id = randomUUID();
  const state = JSON.stringify(await engine.getState());
  await connection.transaction(async (query) => {
    await query(INSERT_STATE, [id, state]);
  });
  return { id, engine, execution };
}

/** Signals the next user task (it must be the expected one), then stores getState() in its own transaction. */
async function step(process: Started, expected: string, connection: BareConnection): Promise<void> {
  const [task] = process.execution.getPostponed();
  if (!task || task.id !== expected) throw new Error(`bpmn-engine: expected to wait at ${expected}, waiting at ${task?.id ?? 'nothing'}`);
  task.signal({ step: expected });
  const state = JSON.stringify(await process.engine.getState());
  await connection.transaction(async (query) => {
    const updated = await query(UPDATE_STATE, [process.id, state]);
    if (updated.rowCount !== 1) throw new Error(`bpmn-engine: state of ${process.id} not stored`);
  });
}

/**
 * Baseline (b): the npm package bpmn-engine running the same four-step process. Each event is one
 * user task signalled and the engine's getState() written to the same database in a transaction of
 * its own. Processes are started (executed up to their first user task, state inserted) before the
 * clock runs, a batch at a time, so only the four steps are timed, as only submissions are for cascade.
 */
export async function bpmnEvents(handle: DbHandle, url: string, input: { processes: number; concurrency: number }): Promise<LoopResult> {
  const connections = await bareConnections(handle, url, input.concurrency);
  try {
    await (connections[0] as BareConnection).transaction(async (query) => {
      await query(CREATE_TABLE, []);
    });
    let seconds = 0;
    let events = 0;
    const batch = 100;
    for (let done = 0; done < input.processes; done += batch) {
      const size = Math.min(batch, input.processes - done);
      const started: Started[] = [];
      await runWorkers(size, connections.length, async (_, worker) => {
        started.push(await startProcess(connections[worker] as BareConnection));
      });
      const jobs = started.flatMap((p) => BPMN_STEPS.map((s) => ({ p, s })));
      // Steps of one process run in order on one worker; processes interleave across workers.
      const t0 = performance.now();
      await runWorkers(started.length, connections.length, async (i, worker) => {
        const p = started[i] as Started;
        for (const s of BPMN_STEPS) await step(p, s, connections[worker] as BareConnection);
        if (p.execution.state !== 'idle' || p.execution.getPostponed().length > 0) throw new Error(`bpmn-engine: process ${p.id} did not complete after ${BPMN_STEPS.length} steps`);
      });
      seconds += (performance.now() - t0) / 1000;
      events += jobs.length;
    }
    return { seconds, events };
  } finally {
    await Promise.all([...new Set(connections)].map((c) => c.close()));
  }
}
