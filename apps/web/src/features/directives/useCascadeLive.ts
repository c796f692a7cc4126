import { useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useRef } from 'react';
import { useTRPC } from '../../trpc';
import { applyChanges, type InstanceChange, type ReceiptRow } from './cascadeState';

/** Refetches are gathered for this long, so a burst of changes (a large fan-out commits level by
 * level) costs one refetch per list rather than one per change. */
const GATHER_MS = 400;

type Pending = { lists: Set<string>; counts: boolean; directive: boolean };

/**
 * Keeps the cascade's cached queries current from `directives.onChange` (SSE): new states are
 * patched into the cached lists at once, then the lists, counts and receipt details concerned are
 * refetched for everything the change does not carry. Returns the subscription's status.
 */
export function useCascadeLive(directiveId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pending = useRef<Pending>({ lists: new Set(), counts: false, directive: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const { lists, counts, directive } = pending.current;
    pending.current = { lists: new Set(), counts: false, directive: false };
    for (const parentId of lists) void queryClient.invalidateQueries({ queryKey: trpc.directives.receipts.queryKey({ directiveId, parentId }) });
    if (lists.size > 0) void queryClient.invalidateQueries({ queryKey: trpc.receipts.pathKey() });
    if (counts || directive) void queryClient.invalidateQueries({ queryKey: trpc.directives.get.queryKey({ id: directiveId }) });
    if (counts || directive) void queryClient.invalidateQueries({ queryKey: trpc.directives.list.queryKey() });
  }, [queryClient, trpc, directiveId]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const onData = useCallback(
    (envelope: { data: InstanceChange[] }) => {
      const lists = new Map<string, ReceiptRow[]>();
      for (const [key, data] of queryClient.getQueriesData<ReceiptRow[]>({ queryKey: trpc.directives.receipts.queryKey({ directiveId }) })) {
        const parentId = (key[1] as { input?: { parentId?: string } } | undefined)?.input?.parentId;
        if (parentId && data) lists.set(parentId, data);
      }
      const update = applyChanges(lists, envelope.data, directiveId);
      for (const [parentId, list] of update.patched) queryClient.setQueryData(trpc.directives.receipts.queryKey({ directiveId, parentId }), list);
      for (const key of update.refetch) pending.current.lists.add(key);
      pending.current.counts ||= update.countsStale;
      pending.current.directive ||= update.directiveChanged;
      timer.current ??= setTimeout(flush, GATHER_MS);
    },
    [queryClient, trpc, directiveId, flush],
  );

  return useSubscription(trpc.directives.onChange.subscriptionOptions({ directiveId }, { onData }));
}
