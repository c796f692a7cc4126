import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isUnauthorized } from './errors';

/** `auth.me` itself: its refusal is what shows the login page, so it must not trigger itself. */
export const SESSION_QUERY_KEY = [['auth', 'me']] as const;
const isSessionQuery = (key: readonly unknown[]) => JSON.stringify(key[0]) === JSON.stringify(SESSION_QUERY_KEY[0]);

/** Queries are not retried when the server refused them (4xx); a refused session anywhere sends
 * the app back to the login page by refetching `auth.me`. */
export function createQueryClient(onUnauthorized: () => void): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isUnauthorized(error) && !isSessionQuery(query.queryKey)) onUnauthorized();
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        retry: (count, error) => {
          const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus;
          return (status === undefined || status >= 500) && count < 2;
        },
      },
    },
  });
}
