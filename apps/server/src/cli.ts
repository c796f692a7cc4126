#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { DEFAULT_PGLITE_SHARED_BUFFERS, queries, SHARED_BUFFERS_RULE, sharedBuffersKb } from '@cascade/db';
import { createEngine, DomainError, importDivisions, ROLES, type Role } from '@cascade/engine';
import { DEFAULT_HEAP_GROWTH_PERCENT, MAX_HEAP_GROWTH_PERCENT } from './commands/boundHeapGrowth.js';
import { openDatabase } from './commands/openDatabase.js';
import { startServer } from './commands/startServer.js';
import { DEMO_PASSWORD, seedDemo } from './demo/seedDemo.js';

const program = new Command()
  .name('cascade')
  .description('cascade: a form-and-workflow engine for directive chains (通知下发、动员、报告、考评问责)')
  .showHelpAfterError();

/** A refusal printed as one line naming the option and the rule, in Chinese and English (exit 1). */
function refuse(option: string, rule: string, zh: string, en: string): never {
  throw new DomainError('VALIDATION', en, [{ path: option, rule, message: { zh, en } }]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const dbOption = () => new Option('--db <url>', 'postgres://… URL, memory://, or a PGlite data directory (default: $DATABASE_URL or ./.data/pglite)');

/** Runs a command with an open, migrated database and closes it however the command ends. */
async function withDb<T>(url: string | undefined, run: (handle: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const handle = await openDatabase(url);
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

program
  .command('start')
  .description('migrate, optionally seed the demo, and serve the API and web app')
  .addOption(dbOption())
  .option('--port <port>', 'port to listen on', (v) => Number.parseInt(v, 10), Number(process.env.PORT ?? 3000))
  .option('--host <host>', 'address to listen on', process.env.HOST ?? '127.0.0.1')
  .option('--demo', 'seed the demo data on an empty database')
  .option('--time-scale <factor>', 'run workflow time this many times faster (demo: 288 makes a day pass in 5 minutes)', (v) => Number.parseFloat(v))
  .option(
    '--heap-growth <percent>',
    `let the JS heap grow this many percent past what survived the last full garbage collection before the next (0: V8's own choice, up to ${MAX_HEAP_GROWTH_PERCENT})`,
    (v) => (/^\d+$/.test(v) ? Number(v) : Number.NaN),
    DEFAULT_HEAP_GROWTH_PERCENT,
  )
  .option('--pglite-shared-buffers <size>', 'embedded PGlite only: its buffer pool, from 128kB to 1GB', DEFAULT_PGLITE_SHARED_BUFFERS)
  .action(async (options: { db?: string; port: number; host: string; demo?: boolean; timeScale?: number; heapGrowth: number; pgliteSharedBuffers: string }) => {
    if (options.timeScale !== undefined && !(options.timeScale > 0)) program.error('--time-scale must be a positive number');
    if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) program.error('--port must be a port number');
    if (!(options.heapGrowth >= 0 && options.heapGrowth <= MAX_HEAP_GROWTH_PERCENT)) {
      program.error(`--heap-growth must be a whole number of percent from 0 to ${MAX_HEAP_GROWTH_PERCENT}`);
    }
    if (sharedBuffersKb(options.pgliteSharedBuffers) === null) program.error(`--pglite-shared-buffers must be ${SHARED_BUFFERS_RULE}`);
    await startServer(options);
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .addOption(dbOption())
  .action(async (options: { db?: string }) => {
    await withDb(options.db, async (handle) => console.log(`migrated ${handle.location}`));
  });

program
  .command('seed')
  .description('seed data sets')
  .argument('<what>', 'what to seed: demo')
  .addOption(dbOption())
  .action(async (what: string, options: { db?: string }) => {
    if (what !== 'demo') program.error(`unknown seed "${what}": only "demo" is available`);
    await withDb(options.db, async (handle) => {
      const result = await seedDemo(createEngine({ db: handle.db }), console.log);
      if (result.notDemo) refuse('seed', 'notDemo', '数据库中已有用户且不是演示数据:未写入任何内容', 'the database has users and is not a demo database: nothing seeded');
      console.log(result.seeded ? `demo seeded; every demo login uses the password ${DEMO_PASSWORD}` : 'the demo is already complete: nothing to do');
    });
  });

program
  .command('import-divisions')
  .description('import administrative divisions from a CSV with header code,name,level,parentCode,path')
  .argument('<csv>', 'path of the CSV file')
  .addOption(dbOption())
  .action(async (csv: string, options: { db?: string }) => {
    await withDb(options.db, async (handle) => {
      const result = await importDivisions(handle.db, readFileSync(csv, 'utf8'));
      console.log(`imported ${result.inserted} units (${result.skipped} already present)`);
    });
  });

program
  .command('create-user')
  .description('create a user with a role over an org unit and its subtree')
  .requiredOption('--username <name>')
  .requiredOption('--name <displayName>')
  .requiredOption('--password <password>')
  .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
  .requiredOption('--unit <code>', 'division code of the unit, e.g. 510104')
  .addOption(dbOption())
  .action(async (options: { username: string; name: string; password: string; role: Role; unit: string; db?: string }) => {
    await withDb(options.db, async (handle) => {
      const unit = await queries.getOrgUnitByCode(handle.db, options.unit);
      if (!unit) refuse('--unit', 'exists', `没有代码为 ${options.unit} 的组织单位(先用 import-divisions 导入)`, `no org unit with code ${options.unit} (import it with import-divisions first)`);
      const engine = createEngine({ db: handle.db });
      const { userId } = await engine.createUserWithRole(null, { username: options.username, displayName: options.name, password: options.password, role: options.role, orgUnitId: unit.id });
      console.log(`created ${options.username} (${userId}) as ${options.role} of ${unit.name}`);
    });
  });

const audit = program.command('audit').description('audit the state history');
audit
  .command('verify')
  .description('recompute every hash chain and replay every instance through its template version')
  .option('--directive <id>', 'only the instances of this directive')
  .addOption(dbOption())
  .action(async (options: { directive?: string; db?: string }) => {
    if (options.directive !== undefined && !UUID.test(options.directive)) {
      refuse('--directive', 'uuid', `通知编号 ${options.directive} 格式不正确,应为 UUID`, `directive id ${options.directive} is not a UUID`);
    }
    await withDb(options.db, async (handle) => {
      // An unknown directive has no history to check: "OK" would claim something never verified.
      if (options.directive && !(await queries.getDirective(handle.db, options.directive))) {
        refuse('--directive', 'exists', `通知 ${options.directive} 不存在`, `directive ${options.directive} does not exist`);
      }
      const report = await createEngine({ db: handle.db }).verifyAudit(options.directive ? { directiveId: options.directive } : {});
      console.log(`checked ${report.instances} instances, ${report.rows} history rows`);
      if (report.ok) {
        console.log('audit verify: OK');
        return;
      }
      const first = report.failures[0];
      console.log(`audit verify: FAILED, ${report.failures.length} instance(s) do not verify`);
      console.log(`first bad row: history id ${first?.historyId ?? '-'}, instance ${first?.instanceId}, seq ${first?.seq ?? '-'}: ${first?.reason}`);
      process.exitCode = 1;
    });
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof DomainError && error.issues.length > 0) {
    // One line per problem, naming where it is and the rule, in both languages.
    for (const issue of error.issues) console.error(`${issue.path} [${issue.rule}]: ${issue.message.zh} / ${issue.message.en}`);
  } else {
    console.error(error instanceof Error ? error.message : error);
  }
  process.exit(1);
});
