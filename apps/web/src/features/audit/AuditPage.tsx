import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Grid, Input, List, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { formatAuditTime } from './formatAuditTime';
import { levelLabel, stateLabel } from './machineLabels';

type Directive = RouterOutputs['directives']['list'][number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function DirectiveList() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const phone = !Grid.useBreakpoint().md;
  const query = useQuery(trpc.directives.list.queryOptions());
  const columns: ColumnsType<Directive> = [
    { title: t('auditDirectiveTitle'), dataIndex: 'title', render: (title: string, d) => <Link to={`/audit/directives/${d.id}`}>{title}</Link> },
    { title: t('auditIssuingUnit'), dataIndex: 'issuingUnitName', width: 140 },
    { title: t('auditIssuedAt'), dataIndex: 'issuedAt', width: 180, render: (at: string) => formatAuditTime(String(at)) },
    { title: t('auditState'), dataIndex: 'state', width: 100, render: (s: string) => stateLabel(t, s) },
  ];
  return (
    <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('auditDirectivesNone')}>
      {(directives) =>
        phone ? (
          <List
            bordered
            dataSource={directives}
            pagination={directives.length > 10 ? { pageSize: 10, simple: true, align: 'center' } : false}
            renderItem={(d) => (
              <List.Item key={d.id}>
                <List.Item.Meta
                  title={<Link to={`/audit/directives/${d.id}`}>{d.title}</Link>}
                  description={`${d.issuingUnitName} · ${formatAuditTime(String(d.issuedAt))} · ${stateLabel(t, d.state)}`}
                />
              </List.Item>
            )}
          />
        ) : (
          <Table<Directive> rowKey="id" size="small" columns={columns} dataSource={directives} pagination={directives.length > 10 ? { pageSize: 10 } : false} scroll={{ x: 700 }} />
        )
      }
    </QueryState>
  );
}

function UnitSearch() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [term, setTerm] = useState('');
  const query = useQuery({ ...trpc.orgUnits.search.queryOptions({ query: term, limit: 20 }), enabled: term.length > 0 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search id="audit-unit-search" aria-label={t('auditUnitSearchLabel')} placeholder={t('auditUnitSearchPlaceholder')} allowClear enterButton onSearch={(v) => setTerm(v.trim())} maxLength={64} />
      {term === '' ? (
        <Typography.Text type="secondary">{t('auditUnitSearchHint')}</Typography.Text>
      ) : (
        <QueryState query={query} isEmpty={(d) => d.length === 0} emptyText={t('auditUnitNone')}>
          {(units) => (
            <List
              size="small"
              bordered
              dataSource={units}
              renderItem={(u) => (
                <List.Item key={u.id}>
                  <Link to={`/audit/units/${u.id}`}>{u.name}</Link>
                  <Typography.Text type="secondary">
                    {levelLabel(t, u.level)} · {u.code}
                  </Typography.Text>
                </List.Item>
              )}
            />
          )}
        </QueryState>
      )}
    </Space>
  );
}

function OpenById() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ instanceId: string }>();
  return (
    <Form form={form} layout="vertical" onFinish={(v) => navigate(`/audit/instances/${v.instanceId.trim()}`)}>
      <Form.Item
        name="instanceId"
        label={t('auditInstanceIdLabel')}
        rules={[{ required: true, pattern: UUID, transform: (v: string) => v?.trim(), message: t('auditInstanceIdInvalid') }]}
        style={{ marginBottom: 8 }}
      >
        <Input placeholder={t('auditInstanceIdPlaceholder')} autoComplete="off" spellCheck={false} />
      </Form.Item>
      <Button htmlType="submit">{t('auditOpen')}</Button>
    </Form>
  );
}

/** Where an audit starts: a directive, a unit, or an instance id someone handed over. */
export function AuditPage() {
  const { t } = useLocale();
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('auditTitle')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('auditIntro')}</Typography.Paragraph>
      </div>
      <Card size="small" title={t('auditFindDirective')}>
        <DirectiveList />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('auditFindUnit')} style={{ height: '100%' }}>
            <UnitSearch />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('auditOpenById')} style={{ height: '100%' }}>
            <OpenById />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
