import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Form, Row, Select, Space, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { usePrincipal } from '../../app/PrincipalContext';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { changeSelection, readSelection, resolveStage, type Selection } from './reportSelection';
import { RollupSection } from './RollupSection';
import { TrendCard } from './TrendCard';
import { UnitSearch } from './UnitSearch';

/** 汇总报表: the roll-up of a directive's report for any unit the reader may read, drilled down
 * level by level, with its trend over periods and an Excel export. Reachable from a directive as
 * /reports?directive=<id>. */
export function ReportsPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const selection = readSelection(params);
  const change = (next: Partial<Selection>) => setParams(changeSelection(params, next));
  const directives = useQuery(trpc.directives.list.queryOptions());
  const readerGrants = principal.grants.filter((g) => g.role === 'admin' || g.role === 'auditor');
  const roots = useQuery(trpc.orgUnits.roots.queryOptions());
  const rootUnits = (roots.data ?? []).filter((u) => readerGrants.some((g) => g.orgUnitId === u.id));
  const unitId = selection.unit ?? readerGrants[0]?.orgUnitId ?? null;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reportsTitle')}
      </Typography.Title>
      <QueryState query={directives} isEmpty={(list) => list.length === 0} emptyText={t('reportsNoDirectives')}>
        {(list) => {
          const directive = list.find((d) => d.id === selection.directive) ?? list[0]!;
          return (
            <>
              <Card size="small">
                <Form layout="vertical">
                  <Row gutter={[16, 0]}>
                    <Col xs={24} lg={12}>
                      <Form.Item label={t('reportsDirective')} htmlFor="reports-directive" style={{ marginBottom: 12 }}>
                        <Select
                          id="reports-directive"
                          value={directive.id}
                          onChange={(id: string) => change({ directive: id })}
                          options={list.map((d) => ({ value: d.id, label: d.title }))}
                          showSearch
                          optionFilterProp="label"
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item label={t('reportsUnit')} htmlFor="reports-root" style={{ marginBottom: 12 }}>
                        <Select
                          id="reports-root"
                          value={rootUnits.some((u) => u.id === unitId) ? unitId : rootUnits.length === 1 ? rootUnits[0]!.id : null}
                          placeholder={t('reportsUnit')}
                          onChange={(id: string) => change({ unit: id })}
                          options={rootUnits.map((u) => ({ value: u.id, label: u.name }))}
                          loading={roots.isPending}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={24} sm={12} lg={6}>
                      <Form.Item label={t('reportsFindUnit')} htmlFor="reports-find-unit" style={{ marginBottom: 12 }}>
                        <UnitSearch id="reports-find-unit" onPick={(id) => change({ unit: id })} />
                      </Form.Item>
                    </Col>
                  </Row>
                  {unitId && <StageAndRollup directiveId={directive.id} directiveTitle={directive.title} unitId={unitId} selection={selection} change={change} />}
                </Form>
              </Card>
              {!unitId && <Empty description={t('reportsUnit')} />}
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}

function StageAndRollup({ directiveId, directiveTitle, unitId, selection, change }: { directiveId: string; directiveTitle: string; unitId: string; selection: Selection; change: (next: Partial<Selection>) => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const catalog = useQuery(trpc.reports.catalog.queryOptions({ directiveId, unitId }));
  return (
    <QueryState query={catalog} isEmpty={(c) => resolveStage(c, selection) === null} emptyText={t('reportsNoReports')}>
      {(entries) => {
        const { entry, periodKey } = resolveStage(entries, selection)!;
        return (
          <>
            <Row gutter={[16, 0]}>
              <Col xs={24} sm={12} lg={12}>
                <Form.Item label={t('reportsStage')} htmlFor="reports-stage" style={{ marginBottom: 12 }}>
                  <Select
                    id="reports-stage"
                    value={entry.stageId}
                    onChange={(stage: string) => change({ stage })}
                    options={entries.map((e) => ({ value: e.stageId, label: e.stageId.includes('+') ? `${text(e.name)} · ${text(e.formTitle)}` : text(e.name) }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} sm={12} lg={12}>
                <Form.Item label={t('reportsPeriod')} htmlFor="reports-period" style={{ marginBottom: 12 }}>
                  <Select id="reports-period" value={periodKey} onChange={(period: string) => change({ period })} options={entry.periods.map((p) => ({ value: p.periodKey, label: p.periodKey }))} />
                </Form.Item>
              </Col>
            </Row>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <RollupSection
                directiveId={directiveId}
                directiveTitle={directiveTitle}
                unitId={unitId}
                stageId={entry.stageId}
                stageName={text(entry.name)}
                periodKey={periodKey}
                reportingLevel={entry.level}
                onUnit={(unit) => change({ unit })}
              />
              <TrendCard directiveId={directiveId} stageId={entry.stageId} unitId={unitId} field={selection.field} onField={(field) => change({ field })} />
            </Space>
          </>
        );
      }}
    </QueryState>
  );
}
