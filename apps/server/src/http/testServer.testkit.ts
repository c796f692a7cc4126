import type { Server } from 'node:http';
import { createServer, listen, type ServerOptions } from './createServer.js';

/** The HTTP server on a free port of 127.0.0.1, for a test to call. */
export async function startTestServer(options: ServerOptions): Promise<{ server: Server; url: string }> {
  const server = createServer(options);
  return { server, url: await listen(server, 0) };
}

/** Closes the server, kept-alive and streaming connections included (close alone would wait for them). */
export async function stopTestServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
