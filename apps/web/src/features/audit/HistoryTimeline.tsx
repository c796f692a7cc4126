import { Button, Grid, Table, Timeline, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { formatAuditTime } from './formatAuditTime';
import type { TimelineRow } from './historyRows';

const SELECTED_BG = '#fff1f0';

/** The rows of one instance's history, oldest first: who, when, which event, from → to, payload,
 * template version and hash. A table on wide screens, a timeline on phones; the row the
 * step-through is on is highlighted, and choosing a row moves the step-through there. */
export function HistoryTimeline({ rows, selected, onSelect }: { rows: readonly TimelineRow[]; selected: number; onSelect: (index: number) => void }) {
  const { t } = useLocale();
  const phone = !Grid.useBreakpoint().md;
  const stepButton = (row: TimelineRow, index: number) => (
    <Button size="small" type={index === selected ? 'primary' : 'default'} aria-label={t('auditSelectStep', { n: index + 1 })} aria-pressed={index === selected} onClick={() => onSelect(index)}>
      #{row.seq}
    </Button>
  );
  if (phone) {
    return (
      <Timeline
        data-testid="history-timeline"
        items={rows.map((row, index) => ({
          key: row.id,
          color: index === selected ? 'red' : index < selected ? 'gray' : 'blue',
          children: (
            <div data-testid="history-row" data-seq={row.seq} data-selected={index === selected ? 'true' : undefined} style={{ background: index === selected ? SELECTED_BG : undefined, padding: 4, borderRadius: 4 }}>
              <div>
                {stepButton(row, index)} <Typography.Text strong>{row.event}</Typography.Text> <Typography.Text type="secondary">{row.from} → {row.to}</Typography.Text>
              </div>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatAuditTime(row.at)} · {row.actor}
                </Typography.Text>
              </div>
              <Typography.Paragraph style={{ fontSize: 12, margin: 0, wordBreak: 'break-all' }}>{row.payloadSummary}</Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 11, fontFamily: 'monospace' }}>
                {t('auditHash')} {row.shortHash}
              </Typography.Text>
            </div>
          ),
        }))}
      />
    );
  }
  const columns: ColumnsType<TimelineRow> = [
    { title: t('auditSeq'), key: 'seq', width: 72, render: (_, row, index) => stepButton(row, index) },
    { title: t('auditAt'), dataIndex: 'at', width: 170, render: (at: string) => formatAuditTime(at) },
    { title: t('auditActor'), dataIndex: 'actor', width: 140, ellipsis: true },
    {
      title: t('auditEvent'),
      key: 'event',
      width: 170,
      render: (_, row) => (
        <>
          <div>{row.event}</div>
          <Typography.Text type="secondary" style={{ fontSize: 11, fontFamily: 'monospace', wordBreak: 'break-all' }}>
            {row.eventType}
          </Typography.Text>
        </>
      ),
    },
    { title: t('auditTransition'), key: 'transition', width: 170, render: (_, row) => `${row.from} → ${row.to}` },
    {
      title: t('auditPayload'),
      dataIndex: 'payloadSummary',
      render: (summary: string) => (
        <Typography.Paragraph style={{ margin: 0, fontSize: 12 }} ellipsis={{ rows: 2, tooltip: summary }}>
          {summary}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('auditTemplateVersion'),
      dataIndex: 'templateVersionId',
      width: 110,
      render: (id: string) => (
        <Tooltip title={id}>
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{id.slice(0, 8)}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('auditHash'),
      dataIndex: 'hash',
      width: 130,
      render: (_, row) => (
        <Tooltip title={row.hash}>
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12 }}>{row.shortHash}</Typography.Text>
        </Tooltip>
      ),
    },
  ];
  return (
    <Table<TimelineRow>
      data-testid="history-timeline"
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...rows]}
      pagination={false}
      scroll={{ x: 1100 }}
      onRow={(row, index) =>
        ({
          'data-testid': 'history-row',
          'data-seq': row.seq,
          'data-selected': index === selected ? 'true' : undefined,
          'aria-current': index === selected ? 'step' : undefined,
          style: { background: index === selected ? SELECTED_BG : undefined, cursor: 'pointer' },
          onClick: () => onSelect(index ?? 0),
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
