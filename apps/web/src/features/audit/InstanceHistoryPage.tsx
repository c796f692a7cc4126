import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { ExportButtons } from './ExportButtons';
import type { ExportRow } from './historyExport';
import { timelineRows } from './historyRows';
import { HistoryTimeline } from './HistoryTimeline';
import { kindLabel, stateLabel } from './machineLabels';
import { clampStep, isTypingTarget, stepForKey, stepOfSeq } from './stepThrough';
import { StepThrough } from './StepThrough';
import { VerifyButton } from './VerifyButton';

type History = RouterOutputs['audit']['history'];

function exportRows(history: History): ExportRow[] {
  return history.rows.map((row) => ({
    ...row,
    instanceId: history.instance.id,
    kind: history.instance.kind,
    machine: history.instance.machine,
    unitName: history.unit?.name ?? null,
    unitCode: history.unit?.code ?? null,
  }));
}

function HistoryBody({ history }: { history: History }) {
  const { t } = useLocale();
  const [params, setParams] = useSearchParams();
  const rows = useMemo(() => timelineRows(history.rows, t), [history.rows, t]);
  // The step lives in the address (?seq=), so a verify result can link to a row and back works.
  const index = stepOfSeq(rows, params.get('seq'));
  const goTo = useCallback(
    (next: number) => {
      const row = rows[clampStep(next, rows.length)];
      if (row) setParams((p) => ({ ...Object.fromEntries(p), seq: String(row.seq) }), { replace: true });
    },
    [rows, setParams],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTypingTarget(event.target)) return;
      const next = stepForKey(event.key, index, rows.length);
      if (next === null) return;
      event.preventDefault();
      goTo(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [index, rows.length, goTo]);
  const { instance, unit, directive, templateVersion } = history;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          <Tag>{kindLabel(t, instance.kind)}</Tag>
          {unit?.name ?? instance.id}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('auditCurrentState')}>
            <Typography.Text strong data-testid="instance-state">
              {stateLabel(t, instance.state)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('auditMachine')}>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{instance.machine}</Typography.Text>
          </Descriptions.Item>
          {unit && (
            <Descriptions.Item label={t('auditUnit')}>
              <Link to={`/audit/units/${unit.id}`}>{unit.name}</Link>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {unit.code}
              </Typography.Text>
            </Descriptions.Item>
          )}
          {directive && (
            <Descriptions.Item label={t('auditDirective')}>
              <Link to={`/audit/directives/${directive.id}`}>{directive.title}</Link>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('auditTemplateVersion')}>{templateVersion ? `${templateVersion.key} v${templateVersion.version}` : instance.templateVersionId}</Descriptions.Item>
          <Descriptions.Item label={t('auditInstanceId')}>
            <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
              {instance.id}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Space wrap align="start" style={{ width: '100%' }}>
          <VerifyButton scope="instance" id={instance.id} label={t('auditVerifyInstance')} />
          <ExportButtons scope="instance" id={instance.id} title={unit?.name ?? instance.id} load={async () => exportRows(history)} />
        </Space>
      </Card>
      {rows.length === 0 ? (
        <Empty description={t('auditTimelineNone')} />
      ) : (
        <>
          <StepThrough graph={history.machine} rows={rows} index={index} onStep={goTo} />
          <Card size="small" title={t('auditTimeline')}>
            <HistoryTimeline rows={rows} selected={index} onSelect={goTo} />
          </Card>
        </>
      )}
    </Space>
  );
}

/** One instance's state history, stepped through on its machine, verified and exported. */
export function InstanceHistoryPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const { id = '' } = useParams();
  const query = useQuery(trpc.audit.history.queryOptions({ instanceId: id }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(query.data?.directive ? `/audit/directives/${query.data.directive.id}` : '/audit')} style={{ paddingInline: 0 }}>
        {query.data?.directive ? t('auditBackToDirective') : t('auditBackToSearch')}
      </Button>
      <QueryState query={query}>{(history) => <HistoryBody history={history} />}</QueryState>
    </Space>
  );
}
