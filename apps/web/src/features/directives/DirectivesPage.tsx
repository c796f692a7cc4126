import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Flex, Grid, Input, List, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { hasRole } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { filterDirectives, NO_FILTERS, templateChoices, type DirectiveFilters, type DirectiveSummary } from './directiveFilters';
import { DirectiveStateTag } from './DirectiveStateTag';

function Progress({ d }: { d: DirectiveSummary }) {
  const { t } = useLocale();
  return (
    <Space direction="vertical" size={0}>
      <span>{t('directivesReceiptsSummary', { forwarded: d.receipts.forwarded, total: d.receipts.total })}</span>
      {d.receipts.waiting > 0 && <Typography.Text type="secondary">{t('directivesWaiting', { n: d.receipts.waiting })}</Typography.Text>}
      {d.receipts.late > 0 && (
        <Typography.Text type="danger" data-testid="directive-late">
          {t('directivesLateUnits', { n: d.receipts.late })}
        </Typography.Text>
      )}
    </Space>
  );
}

function Filters({ list, filters, onChange }: { list: readonly DirectiveSummary[]; filters: DirectiveFilters; onChange: (f: DirectiveFilters) => void }) {
  const { t, text } = useLocale();
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input.Search allowClear placeholder={t('directivesSearch')} aria-label={t('directivesSearch')} value={filters.search} onChange={(e) => onChange({ ...filters, search: e.target.value })} style={{ flex: '1 1 220px', maxWidth: 360 }} />
      <Select
        aria-label={t('directivesFilterState')}
        value={filters.state ?? ''}
        onChange={(v) => onChange({ ...filters, state: v || null })}
        style={{ minWidth: 120 }}
        options={[
          { value: '', label: t('directivesFilterAllStates') },
          { value: 'issued', label: t('directivesState_issued') },
          { value: 'closed', label: t('directivesState_closed') },
        ]}
      />
      <Select
        aria-label={t('directivesFilterTemplate')}
        value={filters.template ?? ''}
        onChange={(v) => onChange({ ...filters, template: v || null })}
        style={{ minWidth: 180, maxWidth: '100%' }}
        options={[{ value: '', label: t('directivesFilterAllTemplates') }, ...templateChoices(list).map((c) => ({ value: c.key, label: text(c.name) }))]}
      />
      <Checkbox checked={filters.lateOnly} onChange={(e) => onChange({ ...filters, lateOnly: e.target.checked })} style={{ alignSelf: 'center' }}>
        {t('directivesFilterLateOnly')}
      </Checkbox>
    </Flex>
  );
}

function DirectiveTable({ rows }: { rows: DirectiveSummary[] }) {
  const { t, text, lang } = useLocale();
  const columns: ColumnsType<DirectiveSummary> = [
    { key: 'title', title: t('directivesColTitle'), render: (_, d) => <Link to={`/directives/${d.id}`}>{d.title}</Link>, width: 360 },
    { key: 'issuer', title: t('directivesColIssuer'), dataIndex: 'issuingUnitName', width: 120 },
    { key: 'template', title: t('directivesColTemplate'), render: (_, d) => `${text(d.template.name)} v${d.template.version}`, width: 220 },
    { key: 'state', title: t('directivesColState'), render: (_, d) => <DirectiveStateTag state={d.state} />, width: 90 },
    { key: 'progress', title: t('directivesColProgress'), render: (_, d) => <Progress d={d} />, width: 200 },
    { key: 'deadline', title: t('directivesColDeadline'), render: (_, d) => formatDateTime(d.deadline, lang), width: 130 },
    { key: 'issuedAt', title: t('directivesColIssuedAt'), render: (_, d) => formatDateTime(d.issuedAt, lang), width: 130 },
  ];
  return <Table rowKey="id" columns={columns} dataSource={rows} pagination={{ pageSize: 20, hideOnSinglePage: true }} scroll={{ x: 1200 }} size="middle" locale={{ emptyText: <Empty description={t('directivesNoMatch')} /> }} />;
}

function DirectiveCards({ rows }: { rows: DirectiveSummary[] }) {
  const { t, text, lang } = useLocale();
  return (
    <List
      dataSource={rows}
      locale={{ emptyText: <Empty description={t('directivesNoMatch')} /> }}
      pagination={rows.length > 20 ? { pageSize: 20, size: 'small' } : false}
      renderItem={(d) => (
        <List.Item key={d.id}>
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            <Link to={`/directives/${d.id}`} style={{ fontWeight: 600 }}>
              {d.title}
            </Link>
            <Space wrap size={[8, 0]}>
              <DirectiveStateTag state={d.state} />
              <Typography.Text type="secondary">{d.issuingUnitName}</Typography.Text>
              <Typography.Text type="secondary">{text(d.template.name)}</Typography.Text>
            </Space>
            <Progress d={d} />
            <Typography.Text type="secondary">
              {t('directivesColDeadline')} {formatDateTime(d.deadline, lang)}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** 通知下发: every directive issued or received within the reader's units, newest first, with filters. */
export function DirectivesPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const screens = Grid.useBreakpoint();
  const query = useQuery({ ...trpc.directives.list.queryOptions(), refetchInterval: 60_000 });
  const [filters, setFilters] = useState<DirectiveFilters>(NO_FILTERS);
  const shown = useMemo(() => filterDirectives(query.data ?? [], filters), [query.data, filters]);
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('directivesTitle')}
        </Typography.Title>
        {hasRole(principal, 'admin') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/directives/new')}>
            {t('directivesIssue')}
          </Button>
        )}
      </Flex>
      <QueryState query={query} isEmpty={(list) => list.length === 0} emptyText={t('directivesNone')}>
        {(list) => (
          <>
            <Filters list={list} filters={filters} onChange={setFilters} />
            {screens.md ? <DirectiveTable rows={shown} /> : <DirectiveCards rows={shown} />}
          </>
        )}
      </QueryState>
    </>
  );
}
