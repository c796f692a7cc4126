import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { appRouter, createContextFactory } from '@cascade/api';
import type { Engine } from '@cascade/engine';

export type ServerOptions = { engine: Engine; staticDir?: string; dbKind: string };

/**
 * How long an idle kept-alive connection stays open. Node's default (5 s) is shorter than the idle
 * timeouts of the proxies and clients in front of a server (nginx 60 s upstream, cloud load balancers
 * 60 s, browsers longer), so the server was the side that closed: a request the client sent on the
 * connection as it closed then failed with "socket hang up". Also: a server busy for longer than the
 * timeout (PGlite runs in its thread) closes every connection that waited meanwhile before reading the
 * requests already on them. Outlasting the client's idle timeout leaves closing to the client.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The largest request body the API reads. Its largest inputs (a template or form definition, a
 * list of 500 people) are tens of kilobytes; without a bound, one request could hold the server's
 * memory. A larger body is answered 413 (PAYLOAD_TOO_LARGE) before anything is done with it. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built web app; unknown paths get index.html so client-side routes survive a reload. */
function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const requested = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
  let file = resolve(join(root, requested));
  if (!file.startsWith(resolve(root)) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html');
  if (!existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}

/** The HTTP server: tRPC under /trpc (with SSE subscriptions), /health, and the web app. */
export function createServer(options: ServerOptions): Server {
  const trpc = createHTTPHandler({
    router: appRouter,
    createContext: createContextFactory(options.engine),
    basePath: '/trpc/',
    maxBodySize: MAX_REQUEST_BODY_BYTES,
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`tRPC ${path ?? ''} failed:`, error.cause ?? error);
    },
  });
  // headersTimeout stays just above keepAliveTimeout, the usual advice: some Node versions timed a
  // kept-alive connection's next headers from when it went idle.
  return createHttpServer({ keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS, headersTimeout: KEEP_ALIVE_TIMEOUT_MS + 1_000 }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/health') {
      options.engine.db
        .execute('select 1')
        .then(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', db: options.dbKind })))
        .catch((error: Error) => res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'unavailable', error: error.message })));
      return;
    }
    if (path.startsWith('/trpc/')) {
      trpc(req, res);
      return;
    }
    if (options.staticDir) serveStatic(options.staticDir, req, res);
    else res.writeHead(404).end();
  });
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolveUrl(`http://${host}:${actual}`);
    });
  });
}
