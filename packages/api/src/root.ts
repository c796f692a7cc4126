import { auditRouter } from './routers/audit.js';
import { authRouter } from './routers/auth.js';
import { formsRouter, templatesRouter } from './routers/definitions.js';
import { directivesRouter, receiptsRouter } from './routers/directives.js';
import { casesRouter, evaluationsRouter } from './routers/evaluations.js';
import { mobilizeRouter } from './routers/mobilize.js';
import { orgUnitsRouter } from './routers/orgUnits.js';
import { peopleRouter } from './routers/people.js';
import { reportsRouter } from './routers/reports.js';
import { tasksRouter } from './routers/tasks.js';
import { notificationsRouter } from './routers/notifications.js';
import { webhooksRouter } from './routers/webhooks.js';
import { router } from './trpc.js';

export const appRouter = router({
  auth: authRouter,
  orgUnits: orgUnitsRouter,
  people: peopleRouter,
  forms: formsRouter,
  templates: templatesRouter,
  directives: directivesRouter,
  receipts: receiptsRouter,
  mobilize: mobilizeRouter,
  tasks: tasksRouter,
  reports: reportsRouter,
  evaluations: evaluationsRouter,
  cases: casesRouter,
  audit: auditRouter,
  notifications: notificationsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;
