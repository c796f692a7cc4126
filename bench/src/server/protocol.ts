/**
 * What the harness asks of the server process over Node's IPC channel. The server process is the
 * product's HTTP server (createServer from @cascade/server, the scheduler running) plus a few bench
 * helpers that must run where the database lives (PGlite has one owner): setting up the world, the
 * bare-SQL and bpmn-engine baselines, and the bulk writing of the day's reports before the roll-up.
 */

export type WorldSpec = {
  /** Divisions CSV (`code,name,level,parentCode,path`). */
  csv: string;
  gridsPerVillage: number;
  /** Throughput clients (grid staff over whole counties, enough grids for every repetition's events). */
  clients: number;
  reps: number;
  eventsPerRep: number;
  /** Load-test users: grid staff over one township each. */
  loadUsers: number;
};

export type WorldInfo = {
  password: string;
  admin: string;
  provinceId: string;
  templateVersionId: string;
  stageId: string;
  throughputUsers: Array<{ username: string; unitId: string }>;
  loadUsers: Array<{ username: string; unitId: string }>;
  units: number;
  grids: number;
  setupSeconds: number;
};

export type PlanSpec = { directiveId: string };

export type Plan = {
  periodKey: string;
  tasks: number;
  /** Task ids each throughput client submits, per repetition: [rep][client][i]. */
  throughput: string[][][];
  /** Task ids the bare-SQL baseline writes, per repetition. */
  bare: string[][];
  /** Units the roll-up is asked about, per level. */
  rollupUnits: Record<'province' | 'city' | 'county' | 'township', string[]>;
};

export type LoopResult = { seconds: number; events: number; statements?: number };

export type Requests = {
  setUpWorld: { params: WorldSpec; result: WorldInfo };
  plan: { params: PlanSpec; result: Plan };
  bareEvents: { params: { taskIds: string[]; connections: number; actorUsername: string }; result: LoopResult };
  bpmnEvents: { params: { processes: number; concurrency: number }; result: LoopResult };
  fillReports: { params: { directiveId: string; actorUsername: string }; result: { submitted: number; seconds: number } };
  statements: { params: Record<string, never>; result: Record<string, number> };
  analyze: { params: Record<string, never>; result: { seconds: number } };
  rollupQueueDrained: { params: Record<string, never>; result: { entries: number; seconds: number } };
  rollupScan: {
    params: { directiveId: string; stageId: string; periodKey: string; units: Record<'province' | 'city' | 'county' | 'township', string[]>; queries: number };
    result: Record<'province' | 'city' | 'county' | 'township', number[]>;
  };
};

export type Method = keyof Requests;

export type Request = { [M in Method]: { id: number; method: M; params: Requests[M]['params'] } }[Method];
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };
export type Ready = { ready: true; url: string; db: string; sharedBuffers: string };
