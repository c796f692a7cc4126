export { appRouter, type AppRouter } from './root.js';
export { createContextFactory, SESSION_COOKIE, type Context } from './context.js';
export { describeIssues, type ErrorData } from './errorFormatter.js';
export { createCallerFactory } from './trpc.js';
