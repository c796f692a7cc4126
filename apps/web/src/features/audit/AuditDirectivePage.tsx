import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { DirectiveHistoryExport } from './DirectiveHistoryExport';
import { formatAuditTime } from './formatAuditTime';
import { InstanceTable } from './InstanceTable';
import { stateLabel } from './machineLabels';
import { VerifyButton } from './VerifyButton';

/** One directive to audit: verify all of it, export all of its history, pick an instance. */
export function AuditDirectivePage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useQuery(trpc.directives.get.queryOptions({ id }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/audit')} style={{ paddingInline: 0 }}>
        {t('auditBackToSearch')}
      </Button>
      <QueryState query={query}>
        {(found) => (
          <>
            <Card size="small">
              <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="audit-directive-title">
                {found.directive.title}
              </Typography.Title>
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('auditIssuingUnit')}>{found.issuingUnit.name}</Descriptions.Item>
                <Descriptions.Item label={t('auditIssuedAt')}>{formatAuditTime(String(found.directive.issuedAt))}</Descriptions.Item>
                <Descriptions.Item label={t('auditState')}>{stateLabel(t, found.state)}</Descriptions.Item>
              </Descriptions>
              <Space wrap align="start" style={{ width: '100%' }}>
                <VerifyButton scope="directive" id={found.directive.id} label={t('auditVerifyDirective')} />
                <DirectiveHistoryExport directiveId={found.directive.id} title={found.directive.title} />
              </Space>
            </Card>
            <Card size="small" title={t('auditInstances')}>
              <InstanceTable directiveId={found.directive.id} />
            </Card>
          </>
        )}
      </QueryState>
    </Space>
  );
}
