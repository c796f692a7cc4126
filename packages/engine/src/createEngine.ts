import { queries, type Database } from '@cascade/db';
import { verifyAudit, type AuditScope } from './audit/verifyAudit.js';
import { login, logout, resolveSession } from './auth/sessions.js';
import { createUser, grantRole, revokeRole, type CreateUserInput } from './auth/users.js';
import type { Role } from './auth/roles.js';
import { systemClock, type Clock } from './clock.js';
import { saveFormDraft, publishForm, saveTemplateDraft, publishTemplate, type SaveTemplateInput } from './commands/definitions.js';
import { acknowledgeReceipt, amendReceipt, closeDirective, forwardReceipt, issueDirective, type AmendInput, type IssueDirectiveInput } from './commands/directives.js';
import { advanceCase, evaluate, type CaseCommand, type EvaluateInput } from './commands/evaluations.js';
import { assignPerson, registerArrival, releaseAssignment, releaseRegistration, type AssignInput } from './commands/mobilize.js';
import { acceptTask, completeScreening, recordVisit, returnTask, submitReport, type AuthorizeTask, type SubmitInput, type VisitInput } from './commands/reports.js';
import { openPeriod } from './commands/openPeriod.js';
import { discardDraft, saveDraft, type SaveDraftInput } from './commands/drafts.js';
import type { CommandContext, InstanceChange } from './runtime/commandContext.js';
import type { ChangeLog } from './runtime/changeLog.js';
import type { FanOutProgress, FanOutProgressListener } from './runtime/fanOutProgress.js';
import { foldInSteps, type FoldStepPolicy } from './runtime/foldInSteps.js';
import { sendEvent } from './runtime/sendEvent.js';
import { TemplateRegistry } from './runtime/templateRegistry.js';
import { transact } from './runtime/transact.js';
import type { MachineEvent } from '@cascade/workflow';
import { deactivateWebhook, deliverDueWebhooks, registerWebhook } from './notify/deliverWebhooks.js';
import { fireNextDueTimer } from './time/fireDueTimers.js';

export type EngineOptions = {
  db: Database;
  /** Workflow time: deadlines, periods, timers. */
  clock?: Clock;
  /** Session expiry; real time even when a demo runs workflow time faster. Defaults to `clock`. */
  authClock?: Clock;
};
/** Told after each commit, once per batch of at most 500 changes (`CHANGE_BATCH`), in the order they were made. */
export type ChangeListener = (changes: InstanceChange[]) => void;

/** Tells every listener; one that throws is its own problem and does not stop the others. */
function tellEach<T>(listeners: Iterable<(value: T) => void>, value: T): void {
  for (const listener of listeners) {
    try {
      listener(value);
    } catch {
      /* the listener's own problem */
    }
  }
}

/**
 * The one place where events become database writes. Each method is one command: one transaction,
 * retried as a whole on a concurrent-write conflict, announced to listeners only after commit.
 */
export function createEngine(options: EngineOptions) {
  const db = options.db;
  const clock = options.clock ?? systemClock;
  const authClock = options.authClock ?? clock;
  const templates = new TemplateRegistry();
  const listeners = new Set<ChangeListener>();
  // Changes are told after commit and progress from inside the issuing transaction: either way a
  // failing listener must not make the command fail or look failed.
  const onCommit = (changes: ChangeLog) => {
    if (changes.size === 0 || listeners.size === 0) return;
    for (const batch of changes.batches()) tellEach(listeners, batch);
  };
  const progressListeners = new Set<FanOutProgressListener>();
  const onProgress = (progress: FanOutProgress) => tellEach(progressListeners, progress);
  const run = <T>(actorId: string | null, command: (ctx: CommandContext) => Promise<T>) => transact({ db, clock, templates, onCommit, onProgress }, actorId, command);

  return {
    db,
    clock,
    templates,
    /** Live changes after commit, for SSE; returns the unsubscribe function. */
    subscribe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * Fan-out progress per directive and level: while a command's transaction creates receipts (per
     * level and batch), then once per level with `done` after it commits. Returns the unsubscribe function.
     */
    subscribeProgress(listener: (progress: FanOutProgress) => void): () => void {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    send: (actorId: string | null, instanceId: string, event: MachineEvent) => run(actorId, (ctx) => sendEvent(ctx, instanceId, event)),

    saveFormDraft: (actorId: string, ownerUnitId: string, definition: unknown) => run(actorId, (ctx) => saveFormDraft(ctx, ownerUnitId, definition)),
    publishForm: (actorId: string, formVersionId: string) => run(actorId, (ctx) => publishForm(ctx, formVersionId)),
    saveTemplateDraft: (actorId: string, input: SaveTemplateInput) => run(actorId, (ctx) => saveTemplateDraft(ctx, input)),
    publishTemplate: (actorId: string, templateVersionId: string) => run(actorId, (ctx) => publishTemplate(ctx, templateVersionId)),

    issueDirective: (actorId: string, input: IssueDirectiveInput) => run(actorId, (ctx) => issueDirective(ctx, input)),
    acknowledge: (actorId: string, receiptId: string) => run(actorId, (ctx) => acknowledgeReceipt(ctx, receiptId)),
    amend: (actorId: string, receiptId: string, input: AmendInput) => run(actorId, (ctx) => amendReceipt(ctx, receiptId, input)),
    forward: (actorId: string, receiptId: string) => run(actorId, (ctx) => forwardReceipt(ctx, receiptId)),
    closeDirective: (actorId: string, directiveId: string, reason: string) => run(actorId, (ctx) => closeDirective(ctx, directiveId, reason)),

    assignPerson: (actorId: string, input: AssignInput) => run(actorId, (ctx) => assignPerson(ctx, input)),
    registerArrival: (actorId: string, registrationId: string) => run(actorId, (ctx) => registerArrival(ctx, registrationId)),
    releaseRegistration: (actorId: string, registrationId: string) => run(actorId, (ctx) => releaseRegistration(ctx, registrationId)),
    releaseAssignment: (actorId: string, assignmentId: string) => run(actorId, (ctx) => releaseAssignment(ctx, assignmentId)),

    submitReport: (actorId: string, input: SubmitInput, authorize?: AuthorizeTask) => run(actorId, (ctx) => submitReport(ctx, input, authorize)),
    returnTask: (actorId: string, taskId: string, comment: string) => run(actorId, (ctx) => returnTask(ctx, taskId, comment)),
    acceptTask: (actorId: string, taskId: string) => run(actorId, (ctx) => acceptTask(ctx, taskId)),
    saveDraft: (actorId: string, input: SaveDraftInput) => run(actorId, (ctx) => saveDraft(ctx, input)),
    discardDraft: (actorId: string, taskId: string) => run(actorId, (ctx) => discardDraft(ctx, taskId)),
    recordVisit: (actorId: string, input: VisitInput) => run(actorId, (ctx) => recordVisit(ctx, input)),
    completeScreening: (actorId: string, taskId: string) => run(actorId, (ctx) => completeScreening(ctx, taskId)),
    openPeriod: (actorId: string | null, directiveId: string, stageId: string) => run(actorId, (ctx) => openPeriod(ctx, directiveId, stageId)),

    evaluate: (actorId: string, input: EvaluateInput) => run(actorId, (ctx) => evaluate(ctx, input)),
    advanceCase: (actorId: string, caseId: string, command: CaseCommand) => run(actorId, (ctx) => advanceCase(ctx, caseId, command)),

    createUser: (input: CreateUserInput) => db.transaction((tx) => createUser(tx, input)),
    createUserWithRole: (grantedBy: string | null, input: CreateUserInput & { role: Role; orgUnitId: string }) =>
      db.transaction(async (tx) => {
        const { userId } = await createUser(tx, input);
        await grantRole(tx, clock, { userId, role: input.role, orgUnitId: input.orgUnitId, grantedBy });
        return { userId };
      }),
    grantRole: (grantedBy: string | null, input: { userId: string; role: Role; orgUnitId: string }) => db.transaction((tx) => grantRole(tx, clock, { ...input, grantedBy })),
    revokeRole: (grantId: string) => revokeRole(db, clock, grantId),
    login: (username: string, password: string) => login(db, authClock, username, password),
    logout: (token: string) => logout(db, authClock, token),
    resolveSession: (token: string) => resolveSession(db, authClock, token),

    verifyAudit: (opts: AuditScope = {}) => verifyAudit(db, templates, opts),

    /** Fires due timers one transaction each, earliest first; returns how many were settled. */
    fireDueTimers: async (opts: { limit?: number; processId?: string } = {}) => {
      let settled = 0;
      for (; settled < (opts.limit ?? 1000); settled++) {
        const fired = await run(null, (ctx) => fireNextDueTimer(ctx, opts.processId ?? `pid:${process.pid}`));
        if (!fired) break;
      }
      return settled;
    },
    deliverDueWebhooks: (opts: { limit?: number; fetch?: typeof fetch } = {}) => deliverDueWebhooks(db, clock, opts),
    /**
     * Folds the roll-up changes queued since the last fold into the counters: in one statement,
     * returning how many tasks; or with `steps`, in statements sized to a time budget with a turn of
     * the event loop between, returning how many queue entries (what a PGlite server does).
     */
    foldRollups: (opts: { steps?: FoldStepPolicy } = {}) => (opts.steps === undefined ? queries.foldRollupQueue(db) : foldInSteps((n) => queries.foldRollupQueueStep(db, n), opts.steps)),
    registerWebhook: (input: { orgUnitId: string; url: string; secret: string }) => registerWebhook(db, clock, input),
    deactivateWebhook: (webhookId: string) => deactivateWebhook(db, clock, webhookId),
  };
}

export type Engine = ReturnType<typeof createEngine>;
