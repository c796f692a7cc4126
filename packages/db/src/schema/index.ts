export * from './orgUnits.js';
export * from './users.js';
export * from './definitions.js';
export * from './instances.js';
export * from './directives.js';
export * from './work.js';
export * from './timers.js';
export * from './webhooks.js';
