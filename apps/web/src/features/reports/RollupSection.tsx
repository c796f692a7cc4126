import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App as AntApp, Breadcrumb, Button, Card, Col, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { errorMessage } from '../../app/errors';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { ChildrenTable } from './ChildrenTable';
import { aggregateRows, aggregationKey, childRows, formatAggregate, formatRate, levelKey, reportingRate, standingOf, STANDING_COLOUR, type AggregateRow, type Rollup } from './rollupView';
import { buildRollupWorkbook, downloadWorkbook, workbookFileName } from './rollupWorkbook';

type Props = { directiveId: string; directiveTitle: string; unitId: string; stageId: string; stageName: string; periodKey: string; reportingLevel: string | null; onUnit: (unitId: string) => void };

/** The roll-up of one unit, stage and period: counts, aggregates, the units below to drill into,
 * the units missing, a breadcrumb back up, and the same figures as a workbook. */
export function RollupSection(props: Props) {
  const trpc = useTRPC();
  const query = useQuery(trpc.reports.rollup.queryOptions({ directiveId: props.directiveId, stageId: props.stageId, periodKey: props.periodKey, unitId: props.unitId }));
  return <QueryState query={query}>{(rollup) => <RollupView rollup={rollup} {...props} />}</QueryState>;
}

function RollupView({ rollup, directiveTitle, stageName, periodKey, reportingLevel, onUnit }: Props & { rollup: Rollup }) {
  const { t, text } = useLocale();
  const { message } = AntApp.useApp();
  const [exporting, setExporting] = useState(false);
  const levelName = (level: string) => {
    const key = levelKey(level);
    return key ? t(key) : level;
  };
  const standing = standingOf(rollup);
  const exportWorkbook = async () => {
    setExporting(true);
    try {
      const workbook = buildRollupWorkbook({ directiveTitle, stageName, periodKey, rollup, reportingLevel, exportedAt: new Date(), t, text, levelName });
      await downloadWorkbook(workbook, workbookFileName(rollup.unit.name, stageName, periodKey));
    } catch (error) {
      message.error(`${t('reportsExportFailed')}: ${errorMessage(error, text)}`);
    } finally {
      setExporting(false);
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        aria-label={t('reportsBreadcrumb')}
        items={rollup.ancestors.map((u, i) => ({
          key: u.id,
          title:
            i === rollup.ancestors.length - 1 ? (
              <span aria-current="page">{u.name}</span>
            ) : (
              <a
                href={`#${u.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  onUnit(u.id);
                }}
              >
                {u.name}
              </a>
            ),
        }))}
      />
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Text strong>{rollup.unit.name}</Typography.Text>
            <Tag>{levelName(rollup.unit.level)}</Tag>
            <Tag color={STANDING_COLOUR[standing]} data-testid="rollup-standing">
              {t(`reportsStatus_${standing}`)}
            </Tag>
          </Space>
        }
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportWorkbook} loading={exporting}>
            {exporting ? t('reportsExporting') : t('reportsExport')}
          </Button>
        }
      >
        <Row gutter={[16, 16]} data-testid="rollup-counts">
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsExpected')} value={rollup.expected} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsReceived')} value={rollup.received} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsLate')} value={rollup.late} valueStyle={rollup.late ? { color: '#d46b08' } : undefined} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsMissing')} value={rollup.missing} valueStyle={rollup.missing ? { color: '#cf1322' } : undefined} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsReturned')} value={rollup.returned} />
          </Col>
          <Col xs={12} sm={8} md={4}>
            <Statistic title={t('reportsRate')} value={formatRate(reportingRate(rollup))} />
          </Col>
        </Row>
      </Card>
      <Card size="small" title={t('reportsAggregates')}>
        <Table<AggregateRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={aggregateRows(rollup.fields, rollup.aggregates)}
          locale={{ emptyText: t('reportsNoAggregates') }}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ 'data-testid': `aggregate-${row.key}` }) as HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('reportsIndicator'), key: 'label', render: (_, row) => text(row.label) },
            { title: t('reportsAggregate'), key: 'aggregate', render: (_, row) => t(aggregationKey(row.aggregate)) },
            { title: t('reportsValue'), key: 'value', align: 'right', render: (_, row) => <span data-testid="aggregate-value">{formatAggregate(row.value, row.aggregate)}</span> },
          ]}
        />
      </Card>
      <Card size="small" title={t('reportsChildren')}>
        <ChildrenTable rows={childRows(rollup, reportingLevel)} fields={rollup.fields} onDrill={onUnit} />
      </Card>
      <Card size="small" title={`${t('reportsMissingUnits')}(${rollup.missingUnits.length})`}>
        {rollup.missingUnits.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reportsMissingNone')} />
        ) : (
          <List
            size="small"
            dataSource={rollup.missingUnits}
            pagination={rollup.missingUnits.length > 20 ? { pageSize: 20, size: 'small' } : false}
            renderItem={(u) => (
              <List.Item key={u.unitId} data-testid="missing-unit">
                <Space wrap>
                  <Typography.Text type="danger">{u.name}</Typography.Text>
                  <Typography.Text type="secondary">{u.code}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Space>
  );
}
