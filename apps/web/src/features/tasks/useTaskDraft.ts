import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc';

/** Saving and discarding a task's draft on the server; either refreshes the task. */
export function useTaskDraft(taskId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ id: taskId }) });
  const save = useMutation(trpc.tasks.saveDraft.mutationOptions({ onSuccess: refresh }));
  const discard = useMutation(trpc.tasks.discardDraft.mutationOptions({ onSuccess: refresh }));
  return { save, discard };
}
