import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@cascade/api';

/** A real tRPC client over HTTP, signed in with a bearer token when one is given. */
export function apiClient(url: string, token?: string) {
  const headers = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${url}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...headers() } }),
          }),
        }),
        false: httpLink({ url: `${url}/trpc`, headers }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof apiClient>;

export async function signIn(url: string, username: string, password: string): Promise<ApiClient> {
  const { token } = await apiClient(url).auth.login.mutate({ username, password });
  return apiClient(url, token);
}

/** The HTTP status and field issues a failed call came back with. */
export async function failure(call: Promise<unknown>): Promise<{ status: number; code: string; message: string; issues: Array<{ path: string; rule: string }> }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { httpStatus: number; code: string; issues?: Array<{ path: string; rule: string }> };
      return { status: data.httpStatus, code: data.code, message: error.message, issues: data.issues ?? [] };
    }
    throw error;
  }
  throw new Error('the call was expected to fail but succeeded');
}
