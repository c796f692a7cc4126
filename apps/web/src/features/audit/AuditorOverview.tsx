import { AuditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Card, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { formatAuditTime } from './formatAuditTime';
import { stateLabel } from './machineLabels';
import { VerifyButton } from './VerifyButton';

const RECENT = 5;

/** The auditor's part of the home screen: the latest directives, each a click from its instances
 * and a verification. */
export function AuditorOverview() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.directives.list.queryOptions());
  return (
    <Card
      size="small"
      data-testid="auditor-overview"
      title={
        <Space>
          <AuditOutlined />
          {t('auditOverviewTitle')}
        </Space>
      }
      extra={<Link to="/audit">{t('auditOverviewMore')}</Link>}
    >
      <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('auditDirectivesNone')}>
        {(directives) => (
          <List
            dataSource={directives.slice(0, RECENT)}
            renderItem={(d) => (
              <List.Item key={d.id}>
                <Space direction="vertical" style={{ width: '100%' }} size={4}>
                  <Link to={`/audit/directives/${d.id}`}>{d.title}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {d.issuingUnitName} · {formatAuditTime(String(d.issuedAt))} · {stateLabel(t, d.state)}
                  </Typography.Text>
                  <VerifyButton scope="directive" id={d.id} size="small" />
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}
