import { expect, vi } from 'vitest';

export type Reply = { status: number; body: unknown };
export const ok = (data: unknown): Reply => ({ status: 200, body: { result: { data } } });
export const refused = (status: number, code: string, message: string, issues: unknown[] = []): Reply => ({
  status,
  body: { error: { message, code: -32000 - status, data: { code, httpStatus: status, issues } } },
});

export type Handler = (input: unknown) => Reply;

/** A stand-in for the cascade server behind httpBatchLink: one handler per procedure; every call
 * is recorded with its input. Requests must carry cookies (`credentials: 'include'`). */
export function fakeServer(handlers: Record<string, Handler>) {
  const calls: Array<{ path: string; input: unknown }> = [];
  const fetch = vi.fn(async (request: RequestInfo | URL, init?: RequestInit) => {
    expect(init?.credentials).toBe('include');
    const url = new URL(String(request), 'http://localhost');
    const paths = url.pathname.replace('/trpc/', '').split(',');
    const raw = init?.body ? String(init.body) : url.searchParams.get('input');
    const inputs = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const replies = paths.map((path, i): Reply => {
      calls.push({ path, input: inputs[i] });
      const handler = handlers[path];
      return handler ? handler(inputs[i]) : refused(404, 'NOT_FOUND', `no procedure ${path}`);
    });
    const status = replies.every((r) => r.status === 200) ? 200 : replies.length === 1 ? replies[0]!.status : 207;
    return new Response(JSON.stringify(replies.map((r) => r.body)), { status, headers: { 'content-type': 'application/json' } });
  });
  return { fetch, calls };
}
