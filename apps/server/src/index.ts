export { createServer, listen, type ServerOptions } from './http/createServer.js';
export { seedDemo, DEMO_PASSWORD, type DemoResult } from './demo/seedDemo.js';
export { boundHeapGrowth, DEFAULT_HEAP_GROWTH_PERCENT } from './commands/boundHeapGrowth.js';
export { schedulerDeps } from './commands/schedulerDeps.js';
