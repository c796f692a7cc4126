import { Button, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { aggregationKey, formatAggregate, formatRate, levelKey, STANDING_COLOUR, type ChildRow, type RollupField } from './rollupView';

const HIGHLIGHT: Record<string, string> = { missing: '#fff1f0', late: '#fff7e6' };

/** One row per unit below with its own figures; late and missing units tinted; a unit above the
 * reporting level opens its own roll-up. */
export function ChildrenTable({ rows, fields, onDrill }: { rows: ChildRow[]; fields: readonly RollupField[]; onDrill: (unitId: string) => void }) {
  const { t, text } = useLocale();
  const columns: ColumnsType<ChildRow> = [
    {
      title: t('reportsName'),
      key: 'name',
      fixed: 'left',
      render: (_, row) =>
        row.drillable ? (
          <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }} onClick={() => onDrill(row.unitId)} aria-label={t('reportsDrill', { name: row.name })}>
            {row.name}
          </Button>
        ) : (
          <Typography.Text>{row.name}</Typography.Text>
        ),
    },
    { title: t('reportsLevel'), key: 'level', render: (_, row) => { const key = levelKey(row.level); return key ? t(key) : row.level; } },
    { title: t('reportsStatus'), key: 'standing', render: (_, row) => <Tag color={STANDING_COLOUR[row.standing]}>{t(`reportsStatus_${row.standing}`)}</Tag> },
    { title: t('reportsExpected'), dataIndex: 'expected', align: 'right' },
    { title: t('reportsReceived'), dataIndex: 'received', align: 'right' },
    { title: t('reportsLate'), dataIndex: 'late', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="warning" strong>{n}</Typography.Text> : n) },
    { title: t('reportsMissing'), dataIndex: 'missing', align: 'right', render: (n: number) => (n > 0 ? <Typography.Text type="danger" strong>{n}</Typography.Text> : n) },
    { title: t('reportsRate'), key: 'rate', align: 'right', render: (_, row) => formatRate(row.rate) },
    ...fields.map((f) => ({
      title: `${text(f.label)}(${t(aggregationKey(f.aggregate))})`,
      key: `field-${f.key}`,
      align: 'right' as const,
      render: (_: unknown, row: ChildRow) => formatAggregate(row.aggregates[f.key], f.aggregate),
    })),
    { title: t('reportsCode'), dataIndex: 'code' },
  ];
  // Fixed columns paint their own background, so the tint goes on every cell rather than the row.
  const tinted = columns.map((column) => ({ ...column, onCell: (row: ChildRow) => ({ style: HIGHLIGHT[row.standing] ? { background: HIGHLIGHT[row.standing] } : {} }) }));
  return (
    <Table<ChildRow>
      size="small"
      rowKey="unitId"
      columns={tinted}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('reportsChildrenNone') }}
      onRow={(row) => ({ 'data-testid': 'rollup-child', 'data-standing': row.standing, 'data-code': row.code }) as HTMLAttributes<HTMLElement>}
    />
  );
}
