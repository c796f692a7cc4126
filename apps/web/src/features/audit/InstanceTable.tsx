import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Grid, List, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { formatAuditTime } from './formatAuditTime';
import { instanceTitle } from './instanceTitle';
import { INSTANCE_KINDS, kindLabel, stateLabel, type InstanceKind } from './machineLabels';

type Item = RouterOutputs['audit']['instances']['items'][number];

const PAGE_SIZE = 20;

/** The instances of a directive or a unit, to pick one to audit: a table on wide screens, a list on
 * phones, paged on the server, filtered by kind. */
export function InstanceTable({ directiveId, unitId, subtreeToggle = false }: { directiveId?: string; unitId?: string; subtreeToggle?: boolean }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const phone = !Grid.useBreakpoint().md;
  const [kind, setKind] = useState<InstanceKind | undefined>(undefined);
  const [subtree, setSubtree] = useState(false);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(PAGE_SIZE);
  const query = useQuery({
    ...trpc.audit.instances.queryOptions({ ...(directiveId ? { directiveId } : {}), ...(unitId ? { unitId } : {}), subtree, ...(kind ? { kind } : {}), page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const open = (item: Item) => `/audit/instances/${item.id}`;
  const columns: ColumnsType<Item> = [
    { title: t('auditKindFilter'), dataIndex: 'kind', width: 110, render: (k: string) => <Tag>{kindLabel(t, k)}</Tag> },
    {
      title: t('auditUnit'),
      key: 'unit',
      render: (_, item) => (
        <Space direction="vertical" size={0}>
          <Link to={open(item)} data-testid="instance-link">
            {instanceTitle(t, item)}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.unit.code} · {item.machine}
          </Typography.Text>
        </Space>
      ),
    },
    ...(directiveId ? [] : [{ title: t('auditDirective'), dataIndex: 'directiveTitle', ellipsis: true } as ColumnsType<Item>[number]]),
    { title: t('auditState'), dataIndex: 'state', width: 110, render: (s: string) => stateLabel(t, s) },
    { title: t('auditEvents'), dataIndex: 'events', width: 80, align: 'right' },
    { title: t('auditUpdatedAt'), dataIndex: 'updatedAt', width: 180, render: (at: string) => formatAuditTime(at) },
  ];
  const pagination = {
    current: page,
    pageSize,
    total: query.data?.total ?? 0,
    showSizeChanger: !phone,
    simple: phone,
    onChange: (p: number, size: number) => {
      setPage(size === pageSize ? p : 1);
      setPageSize(size);
    },
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          aria-label={t('auditKindFilter')}
          style={{ minWidth: 160 }}
          value={kind ?? ''}
          onChange={(v: string) => {
            setKind(v ? (v as InstanceKind) : undefined);
            setPage(1);
          }}
          options={[{ value: '', label: t('auditKindAll') }, ...INSTANCE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))]}
        />
        {subtreeToggle && (
          <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
            <Switch
              checked={subtree}
              onChange={(v) => {
                setSubtree(v);
                setPage(1);
              }}
            />
            {t('auditSubtree')}
          </label>
        )}
      </Space>
      <QueryState query={query} isEmpty={(d) => d.total === 0} emptyText={t('auditInstancesNone')}>
        {(data) =>
          phone ? (
            <List
              bordered
              dataSource={data.items}
              loading={query.isFetching}
              pagination={{ ...pagination, align: 'center' }}
              renderItem={(item) => (
                <List.Item key={item.id} data-testid="instance-row">
                  <List.Item.Meta
                    title={
                      <Link to={open(item)} data-testid="instance-link">
                        {instanceTitle(t, item)}
                      </Link>
                    }
                    description={
                      <Space wrap size={[8, 0]}>
                        <span>{stateLabel(t, item.state)}</span>
                        <span>
                          {t('auditEvents')} {item.events}
                        </span>
                        <span>{formatAuditTime(item.updatedAt)}</span>
                      </Space>
                    }
                  />
                </List.Item>
              )}
            />
          ) : (
            <Table<Item>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data.items}
              loading={query.isFetching}
              pagination={pagination}
              scroll={{ x: 900 }}
              onRow={() => ({ 'data-testid': 'instance-row' }) as HTMLAttributes<HTMLElement>}
            />
          )
        }
      </QueryState>
    </Space>
  );
}
