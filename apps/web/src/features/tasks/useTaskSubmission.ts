import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTRPC } from '../../trpc';

/** Submits answers with an idempotency key that stays the same while the answers do, so a retry
 * after a lost response is not counted twice; a new key for new answers. */
export function useTaskSubmission(taskId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = useRef<{ answers: string; key: string } | null>(null);
  const mutation = useMutation(
    trpc.tasks.submit.mutationOptions({
      onSuccess: async () => {
        key.current = null;
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) }), queryClient.invalidateQueries({ queryKey: trpc.tasks.mine.queryKey() })]);
      },
    }),
  );
  const submit = (data: Record<string, unknown>) => {
    const answers = JSON.stringify(data);
    if (key.current?.answers !== answers) key.current = { answers, key: crypto.randomUUID() };
    mutation.mutate({ taskId, data, idempotencyKey: key.current.key });
  };
  return { submit, mutation };
}
