import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Space } from 'antd';
import { errorMessage } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { VerifyResult } from './VerifyResult';

/** Runs the chain and replay check for a directive or one instance and shows what it found. Verify
 * reads only; it is a mutation on the server because it is work on demand, not a cached view. */
export function VerifyButton({ scope, id, label, size }: { scope: 'directive' | 'instance'; id: string; label?: string; size?: 'small' | 'middle' }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const directive = useMutation(trpc.audit.verify.mutationOptions());
  const instance = useMutation(trpc.audit.verifyInstance.mutationOptions());
  const mutation = scope === 'directive' ? directive : instance;
  const run = () => (scope === 'directive' ? directive.mutate({ directiveId: id }) : instance.mutate({ instanceId: id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Button icon={<SafetyCertificateOutlined />} onClick={run} loading={mutation.isPending} size={size}>
        {mutation.isPending ? t('auditVerifying') : (label ?? t('auditVerify'))}
      </Button>
      {mutation.isError && <Alert type="error" showIcon message={t('auditVerifyFailed')} description={errorMessage(mutation.error, text)} />}
      {mutation.data && !mutation.isPending && <VerifyResult report={mutation.data} />}
    </Space>
  );
}
