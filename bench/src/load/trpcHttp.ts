import { Agent, request } from 'node:http';

/** Not an HTTP status: the request went out on a kept-alive socket the server had already closed. */
const STALE_SOCKET = -1;

export type Call<T = unknown> = { ok: true; ms: number; data: T } | { ok: false; ms: number; status: number; message: string };

/**
 * The tRPC HTTP protocol by hand (no transformer on this API: plain JSON): queries are GETs with the
 * input in the query string, mutations POSTs with it as the body; results come back as
 * `{result: {data}}`, failures as `{error: {message}}` with a 4xx/5xx status. A client this thin costs
 * the load generator little CPU, which on two cores is CPU the server gets instead. Latency is from
 * sending the request to the last byte of the response.
 */
export class TrpcHttp {
  constructor(
    private readonly base: string,
    private readonly agent: Agent,
    private readonly token?: string,
  ) {}

  withToken(token: string): TrpcHttp {
    return new TrpcHttp(this.base, this.agent, token);
  }

  query<T>(path: string, input?: unknown): Promise<Call<T>> {
    const qs = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.send<T>('GET', `/trpc/${path}${qs}`, undefined);
  }

  mutate<T>(path: string, input: unknown): Promise<Call<T>> {
    return this.send<T>('POST', `/trpc/${path}`, JSON.stringify(input));
  }

  private async send<T>(method: string, path: string, body: string | undefined): Promise<Call<T>> {
    const first = await this.sendOnce<T>(method, path, body);
    // A kept-alive socket the server closed while idle (its keepAliveTimeout) fails before the request
    // reaches it; Node's documentation says to send again. Only that case is retried: the server never
    // saw the request, and every submission carries an idempotency key besides. Again on a connection
    // of its own, as a browser does: the pool's other idle sockets may have been closed with this one.
    // The latency is the user's wait: both attempts.
    if (!first.ok && first.status === STALE_SOCKET) {
      const again = await this.sendOnce<T>(method, path, body, true);
      return { ...again, ms: first.ms + again.ms };
    }
    return first;
  }

  private sendOnce<T>(method: string, path: string, body: string | undefined, freshConnection = false): Promise<Call<T>> {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve) => {
      const start = performance.now();
      const req = request(url, { method, headers, agent: freshConnection ? false : this.agent }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (chunk: Buffer) => parts.push(chunk));
        res.on('end', () => {
          const ms = performance.now() - start;
          const text = Buffer.concat(parts).toString('utf8');
          const status = res.statusCode ?? 0;
          try {
            const json = JSON.parse(text) as { result?: { data: T }; error?: { message?: string } };
            if (status === 200 && json.result) resolve({ ok: true, ms, data: json.result.data });
            else resolve({ ok: false, ms, status, message: json.error?.message ?? text.slice(0, 200) });
          } catch {
            resolve({ ok: false, ms, status, message: text.slice(0, 200) });
          }
        });
        res.on('error', (error) => resolve({ ok: false, ms: performance.now() - start, status: 0, message: error.message }));
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && error.code === 'ECONNRESET';
        resolve({ ok: false, ms: performance.now() - start, status: stale ? STALE_SOCKET : 0, message: error.message });
      });
      if (body !== undefined) req.write(body);
      req.end();
    });
  }
}

/** Keep-alive connections, as a browser keeps them; enough for every simulated user at once. */
export function keepAliveAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 1024 });
}

export async function signIn(http: TrpcHttp, username: string, password: string): Promise<{ client: TrpcHttp; ms: number }> {
  const result = await http.mutate<{ token: string }>('auth.login', { username, password });
  if (!result.ok) throw new Error(`bench: sign-in of ${username} failed (${result.status}): ${result.message}`);
  return { client: http.withToken(result.data.token), ms: result.ms };
}
