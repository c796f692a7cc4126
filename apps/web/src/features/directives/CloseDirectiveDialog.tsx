import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { errorMessage, serverIssues } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

/** Closing ends the whole cascade below, so it asks for a reason and a second, explicit click. */
export function CloseDirectiveDialog({ directiveId, title, open, onClose }: { directiveId: string; title: string; open: boolean; onClose: () => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const close = useMutation(
    trpc.directives.close.mutationOptions({
      onSuccess: async () => {
        message.success(t('directivesClosedOk'));
        onClose();
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.directives.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.receipts.pathKey() })]);
      },
      onError: (error) => {
        const issues = serverIssues(error).filter((i) => i.path === 'reason');
        if (issues.length) form.setFields([{ name: 'reason', errors: issues.map((i) => text(i.message)) }]);
      },
    }),
  );
  return (
    <Modal
      open={open}
      title={`${t('directivesClose')}:${title}`}
      onCancel={onClose}
      destroyOnHidden
      okText={t('directivesCloseConfirm')}
      cancelText={t('directivesCancel')}
      okButtonProps={{ danger: true, loading: close.isPending }}
      onOk={() => form.submit()}
    >
      <Alert type="warning" showIcon message={t('directivesCloseWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={(values) => close.mutate({ id: directiveId, reason: values.reason.trim() })}>
        <Form.Item name="reason" label={t('directivesCloseReason')} rules={[{ required: true, whitespace: true, message: t('directivesCloseReasonRequired') }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Form>
      {close.isError && serverIssues(close.error).every((i) => i.path !== 'reason') && <Alert type="error" showIcon message={errorMessage(close.error, text)} />}
    </Modal>
  );
}
