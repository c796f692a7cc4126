import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

/** Acknowledge, amend and forward, each refreshing what shows receipts (the inbox, the receipt, the
 * cascade and the lists) once the server has committed it. */
export function useReceiptActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useLocale();
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.receipts.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.directives.pathKey() })]);
  const acknowledge = useMutation(
    trpc.receipts.acknowledge.mutationOptions({
      onSuccess: async () => {
        message.success(t('directivesAcknowledgedOk'));
        await refresh();
      },
    }),
  );
  const forward = useMutation(
    trpc.receipts.forward.mutationOptions({
      onSuccess: async () => {
        message.success(t('directivesForwardedOk'));
        await refresh();
      },
    }),
  );
  const amend = useMutation(
    trpc.receipts.amend.mutationOptions({
      onSuccess: async () => {
        message.success(t('directivesAmendedOk'));
        await refresh();
      },
    }),
  );
  return { acknowledge, forward, amend };
}
