import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@cascade/engine';
import { createServer, listen } from '../http/createServer.js';
import { DEMO_PASSWORD, seedDemo } from '../demo/seedDemo.js';
import { openDatabase } from './openDatabase.js';

/** The web app's build, beside this package in the monorepo. */
function webRoot(): string | undefined {
  for (const candidate of ['../../../web/dist', '../../web/dist', '../../../web/public', '../../web/public']) {
    const dir = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(`${dir}/index.html`)) return dir;
  }
  return undefined;
}

export async function startServer(options: { db?: string; port: number; host: string; demo?: boolean }) {
  const handle = await openDatabase(options.db);
  const engine = createEngine({ db: handle.db });
  if (options.demo) {
    const demo = await seedDemo(engine, (line) => console.log(`demo: ${line}`));
    console.log(demo.seeded ? 'demo: seeded a fresh database' : 'demo: database already seeded');
    console.log(`demo logins (password ${DEMO_PASSWORD}):`);
    for (const login of demo.logins) console.log(`  ${login.username.padEnd(22)} ${login.role.padEnd(11)} ${login.displayName}`);
  }
  const server = createServer({ engine, dbKind: handle.kind, ...(webRoot() ? { staticDir: webRoot() as string } : {}) });
  const url = await listen(server, options.port, options.host);
  console.log(`cascade is serving on ${url} (API ${url}/trpc, health ${url}/health) with ${handle.kind} at ${handle.location}`);
  const shutdown = () => {
    server.close();
    handle.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
