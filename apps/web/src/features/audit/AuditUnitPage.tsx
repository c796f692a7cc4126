import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Space, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { InstanceTable } from './InstanceTable';
import { levelLabel } from './machineLabels';

/** One unit to audit: every instance it (or, switched on, its subtree) took part in, across directives. */
export function AuditUnitPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useQuery(trpc.orgUnits.get.queryOptions({ id }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/audit')} style={{ paddingInline: 0 }}>
        {t('auditBackToSearch')}
      </Button>
      <QueryState query={query}>
        {(unit) => (
          <>
            <Card size="small">
              <Typography.Title level={4} style={{ marginTop: 0 }}>
                {unit.name}
              </Typography.Title>
              <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
                <Descriptions.Item label={t('auditCode')}>{unit.code}</Descriptions.Item>
                <Descriptions.Item label={t('auditLevel')}>{levelLabel(t, unit.level)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card size="small" title={t('auditInstances')}>
              <InstanceTable unitId={unit.id} subtreeToggle />
            </Card>
          </>
        )}
      </QueryState>
    </Space>
  );
}
