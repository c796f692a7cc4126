import { parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

const { serialize } = protocol;

/** What PGlite's typings leave out of a backend message: the parser's name for it. */
type BackendMessage = { name: string };

/** A statement parsed on one PGlite: its parameters' types (to encode values) and its row shape. */
type Statement = { paramTypes: number[]; rowDescription: BackendMessage | undefined };

/** The statements parsed so far, per PGlite: a name is parsed once per database, as a session's are. */
const parsedOn = new WeakMap<PGlite, Map<string, Statement>>();

/** A transaction's handle does not say which PGlite it runs on; createDb's handles are told (tagTransactions). */
const OWNER = Symbol('cascade.pgliteOwner');
type OwnedTransaction = Transaction & { [OWNER]?: PGlite };

/** `genericPlan`: plan the statement once, whatever its values (see preparedStatement). */
export type NamedStatementOptions = { genericPlan?: boolean };

/** Around a statement that asks for a generic plan: the cache's choice, forced for that execution only. */
const FORCE_GENERIC = serialize.query('set plan_cache_mode = force_generic_plan');
const RESET_PLAN_MODE = serialize.query('reset plan_cache_mode');

/** drizzle's PGlite driver runs a statement through `client.query(text, params, options)`. */
export type QueryClient = { query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> };

/** Lets every transaction on `client` be traced back to it, so a named statement can run inside one. */
export function tagTransactions(client: PGlite): void {
  const transaction = client.transaction.bind(client);
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      (tx as OwnedTransaction)[OWNER] = client;
      return callback(tx);
    });
}

function isPglite(client: unknown): client is PGlite {
  return typeof client === 'object' && client !== null && 'execProtocolStream' in client && 'runExclusive' in client;
}

/** As PGlite's own query does: attach the statement and its values to the database's error. */
function withQuery(error: unknown, text: string, params: unknown[], options: QueryOptions | undefined): unknown {
  if (typeof error === 'object' && error !== null && 'code' in error) Object.assign(error, { query: text, params, queryOptions: options });
  return error;
}

async function parseStatement(pglite: PGlite, name: string, text: string): Promise<Statement> {
  let statements = parsedOn.get(pglite);
  if (!statements) parsedOn.set(pglite, (statements = new Map<string, Statement>()));
  const known = statements.get(name);
  if (known) return known;
  let messages: BackendMessage[];
  try {
    messages = (await pglite.execProtocolStream(Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false })) as BackendMessage[];
  } catch (error) {
    // Parse may have succeeded before Describe failed: drop the name so the next call can parse it afresh.
    await pglite.execProtocolStream(Buffer.concat([serialize.close({ type: 'S', name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
    throw error;
  }
  const parameters = messages.find((m) => m.name === 'parameterDescription') as { dataTypeIDs: number[] } | undefined;
  const statement = { paramTypes: parameters?.dataTypeIDs ?? [], rowDescription: messages.find((m) => m.name === 'rowDescription') };
  statements.set(name, statement);
  return statement;
}

/** A value encoded for its parameter's type, as PGlite's own query encodes it. */
function encode(pglite: PGlite, value: unknown, type: number | undefined, options: QueryOptions | undefined): string | null {
  if (value === null || value === undefined) return null;
  const serializer = type === undefined ? undefined : (options?.serializers?.[type] ?? pglite.serializers[type]);
  return serializer ? serializer(value) : String(value);
}

/** The messages of the `index`-th of several pipelined commands, each ending in ReadyForQuery. */
function nthCommand(messages: BackendMessage[], index: number): BackendMessage[] {
  const ends = messages.flatMap((m, at) => (m.name === 'readyForQuery' ? [at] : []));
  return messages.slice(index === 0 ? 0 : (ends[index - 1] ?? messages.length) + 1, (ends[index] ?? messages.length - 1) + 1);
}

async function runNamed<T>(pglite: PGlite, tx: Transaction | null, name: string, text: string, params: unknown[], options: QueryOptions | undefined, generic: boolean): Promise<Results<T>> {
  if (tx?.closed) throw new Error('Transaction is closed');
  const run = () =>
    pglite.runExclusive(async () => {
      try {
        const statement = await parseStatement(pglite, name, text);
        const values = params.map((value, i) => encode(pglite, value, statement.paramTypes[i], options));
        const execute = [serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()];
        // The mode is set and reset in the same call; if the statement fails inside a transaction, the
        // reset fails with it, and the transaction's rollback undoes the set.
        const pipeline = generic ? [FORCE_GENERIC, ...execute, RESET_PLAN_MODE] : execute;
        const all = (await pglite.execProtocolStream(Buffer.concat(pipeline), { syncToFs: false })) as BackendMessage[];
        const messages = generic ? nthCommand(all, 1) : all;
        const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
        const [result] = parse.parseResults(described as Parameters<typeof parse.parseResults>[0], pglite.parsers, options);
        if (!tx) await pglite.syncToFs();
        return result as Results<T>;
      } catch (error) {
        throw withQuery(error, text, params, options);
      }
    });
  // Outside a transaction, wait for any transaction in progress to end, as PGlite's own query does.
  return tx ? run() : pglite._runExclusiveTransaction(run);
}

/**
 * A client for drizzle's prepared query that runs it on PGlite as the named statement `name`: parsed
 * and described once per database, then only bound and executed, in one call into PostgreSQL instead
 * of PGlite's six (parse, describe, bind, describe, execute, sync); planned once where PostgreSQL's
 * plan cache settles on a generic plan (it still plans the task list per call: its generic plan looks
 * dearer to it). Null when `client` is not a PGlite or a transaction of one that createDb made.
 *
 * Why: PGlite runs every query as a new unnamed statement, parsed and planned on each call, inside
 * the server's own thread. In a Sichuan load test, parsing, describing and planning took half the
 * time spent in PostgreSQL (the session lookup: 0.73 ms to bind and plan, 0.16 ms to execute).
 */
export function namedStatementClient(client: unknown, name: string, statementOptions: NamedStatementOptions = {}): QueryClient | null {
  const pglite = isPglite(client) ? client : (client as OwnedTransaction | null)?.[OWNER];
  if (!pglite) return null;
  const tx = client === pglite ? null : (client as Transaction);
  return { query: <T>(text: string, params: unknown[] = [], options?: QueryOptions) => runNamed<T>(pglite, tx, name, text, params, options, statementOptions.genericPlan === true) };
}
