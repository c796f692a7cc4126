import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@cascade/api';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The browser client: the server keeps the session in an HttpOnly cookie, so requests only need
 * to carry cookies; subscriptions go over SSE, everything else is batched. */
export function createBrowserClient(base = '') {
  const url = `${base}/trpc`;
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url, eventSourceOptions: { withCredentials: true } }),
        false: httpBatchLink({ url, fetch: (input, init) => fetch(input, { ...init, credentials: 'include' }) }),
      }),
    ],
  });
}
