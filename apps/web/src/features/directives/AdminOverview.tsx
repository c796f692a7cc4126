import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Col, List, Row, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { standingOf } from './cascadeState';
import { DirectiveStateTag } from './DirectiveStateTag';
import { ReceiptStateTag } from './ReceiptStateTag';

const SHOWN = 5;

function Inbox() {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.receipts.inbox.queryOptions(), refetchInterval: 60_000 });
  return (
    <Card size="small" title={<Badge count={query.data?.length ?? 0} offset={[12, 0]} color="#c41d24">{t('directivesOverviewInbox')}</Badge>} extra={<Link to="/received">{t('directivesOverviewAllReceived')}</Link>} data-testid="overview-inbox">
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} emptyText={t('directivesOverviewNoInbox')}>
        {(rows) => (
          <List
            size="small"
            dataSource={rows.slice(0, SHOWN)}
            renderItem={(r) => (
              <List.Item key={r.id}>
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Link to="/received">{r.title}</Link>
                  <Space wrap size={[8, 0]}>
                    <Typography.Text type="secondary">{r.unit.name}</Typography.Text>
                    <ReceiptStateTag standing={standingOf(r)} />
                    <Typography.Text type="secondary">
                      {t('directivesReceiptDeadline')} {formatDateTime(r.deadline, lang)}
                    </Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}

function LateUnits() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.receipts.late.queryOptions(), refetchInterval: 60_000 });
  return (
    <Card size="small" title={<Badge count={query.data?.length ?? 0} offset={[12, 0]}>{t('directivesOverviewLate')}</Badge>} data-testid="overview-late">
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} emptyText={t('directivesOverviewNoLate')}>
        {(rows) => (
          <List
            size="small"
            dataSource={rows.slice(0, SHOWN * 2)}
            renderItem={(r) => (
              <List.Item key={r.id}>
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Space wrap size={[8, 0]}>
                    <Typography.Text strong>{r.unit.name}</Typography.Text>
                    <ReceiptStateTag standing={standingOf(r)} />
                  </Space>
                  <Link to={`/directives/${r.directiveId}`}>{r.title}</Link>
                  <Typography.Text type="danger" style={{ fontSize: 12 }}>
                    {[r.state === 'received' && r.lateToAcknowledge ? t('directivesLateToAcknowledge') : null, r.state !== 'received' && r.lateToForward ? t('directivesLateToForward') : null, r.escalations > 0 ? t('directivesLateEscalated', { n: r.escalations }) : null]
                      .filter(Boolean)
                      .join(' · ')}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}

function Latest() {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.directives.list.queryOptions());
  return (
    <Card size="small" title={t('directivesOverviewLatest')} extra={<Link to="/directives">{t('directivesOverviewAllDirectives')}</Link>} data-testid="overview-latest">
      <QueryState query={query} isEmpty={(rows) => rows.length === 0} emptyText={t('directivesNone')}>
        {(rows) => (
          <List
            size="small"
            dataSource={rows.slice(0, SHOWN)}
            renderItem={(d) => (
              <List.Item key={d.id}>
                <Space direction="vertical" size={0} style={{ width: '100%' }}>
                  <Link to={`/directives/${d.id}`}>{d.title}</Link>
                  <Space wrap size={[8, 0]}>
                    <DirectiveStateTag state={d.state} />
                    <Typography.Text type="secondary">{d.issuingUnitName}</Typography.Text>
                    <Typography.Text type="secondary">{t('directivesReceiptsSummary', { forwarded: d.receipts.forwarded, total: d.receipts.total })}</Typography.Text>
                    {d.receipts.late > 0 && <Typography.Text type="danger">{t('directivesLateUnits', { n: d.receipts.late })}</Typography.Text>}
                    <Typography.Text type="secondary">
                      {t('directivesColDeadline')} {formatDateTime(d.deadline, lang)}
                    </Typography.Text>
                  </Space>
                </Space>
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** What needs an admin now: directives waiting on their units, units below that are late, and the latest directives. */
export function AdminOverview() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Inbox />
      </Col>
      <Col xs={24} lg={12}>
        <LateUnits />
      </Col>
      <Col xs={24}>
        <Latest />
      </Col>
    </Row>
  );
}
