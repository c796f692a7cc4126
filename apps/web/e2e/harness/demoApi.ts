import { createTRPCClient, httpLink } from '@trpc/client';
import type { AppRouter } from '@cascade/api';

/** The real tRPC client over HTTP, signed in as a demo user with a bearer token: how a browser
 * test puts data in place (grid reports, …) without clicking through another user's screens. */
export async function demoApi(url: string, username: string, password = 'cascade-demo-2026') {
  const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc` })] });
  const { token } = await anonymous.auth.login.mutate({ username, password });
  return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) })] });
}

export type DemoApi = Awaited<ReturnType<typeof demoApi>>;
