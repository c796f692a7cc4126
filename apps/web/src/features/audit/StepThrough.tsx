import { LeftOutlined, RightOutlined, StepBackwardOutlined, StepForwardOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Grid, Space, Typography } from 'antd';
import { useCallback } from 'react';
import type { MachineGraph } from '@cascade/workflow';
import { StateDiagram } from '../../components/StateDiagram/StateDiagram';
import { useLocale } from '../../i18n/LocaleProvider';
import { formatAuditTime } from './formatAuditTime';
import type { TimelineRow } from './historyRows';
import { eventLabel, stateLabel } from './machineLabels';
import { stepView } from './stepThrough';

/** The instance's machine with the state and transition of one history row highlighted, the row's
 * details beside it, and buttons (or ← / →) to move through the history one row at a time. */
export function StepThrough({ graph, rows, index, onStep }: { graph: MachineGraph | null; rows: readonly TimelineRow[]; index: number; onStep: (index: number) => void }) {
  const { t } = useLocale();
  const phone = !Grid.useBreakpoint().md;
  const view = stepView(rows, index);
  const row = rows[view.index];
  const states = useCallback((s: string) => stateLabel(t, s), [t]);
  const events = useCallback((e: string) => eventLabel(t, e), [t]);
  const last = rows.length - 1;
  return (
    <Card
      size="small"
      title={t('auditStepThrough')}
      extra={
        <Typography.Text data-testid="step-counter" aria-live="polite">
          {t('auditStep', { n: view.index + 1, total: view.total })}
        </Typography.Text>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {graph ? (
          <StateDiagram
            graph={graph}
            activeState={view.activeState}
            activeTransition={view.activeTransition}
            visited={view.visited}
            stateLabel={states}
            eventLabel={events}
            direction={phone ? 'DOWN' : 'RIGHT'}
            height={phone ? 420 : 320}
          />
        ) : (
          <Alert type="warning" showIcon message={t('auditNoMachine')} />
        )}
        <Space wrap>
          <Button icon={<StepBackwardOutlined />} onClick={() => onStep(0)} disabled={view.index === 0} aria-label={t('auditFirst')} />
          <Button icon={<LeftOutlined />} onClick={() => onStep(view.index - 1)} disabled={view.index === 0}>
            {t('auditPrev')}
          </Button>
          <Button icon={<RightOutlined />} iconPosition="end" onClick={() => onStep(view.index + 1)} disabled={view.index >= last}>
            {t('auditNext')}
          </Button>
          <Button icon={<StepForwardOutlined />} onClick={() => onStep(last)} disabled={view.index >= last} aria-label={t('auditLast')} />
          {!phone && <Typography.Text type="secondary">{t('auditKeyboardHint')}</Typography.Text>}
        </Space>
        {row && (
          <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2 }} data-testid="step-detail">
            <Descriptions.Item label={t('auditSeq')}>{row.seq}</Descriptions.Item>
            <Descriptions.Item label={t('auditAt')}>{formatAuditTime(row.at)}</Descriptions.Item>
            <Descriptions.Item label={t('auditActor')}>{row.actor}</Descriptions.Item>
            <Descriptions.Item label={t('auditEvent')}>
              {row.event} <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>({row.eventType})</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditTransition')} span={2}>
              {row.from} → <Typography.Text strong>{row.to}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditPayload')} span={2}>
              <pre style={{ margin: 0, maxHeight: 240, overflow: 'auto', fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{JSON.stringify(row.payload, null, 2)}</pre>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditTemplateVersion')} span={2}>
              <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {row.templateVersionId}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditHash')} span={2}>
              <Typography.Text copyable style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
                {row.hash}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('auditPrevHash')} span={2}>
              <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{row.prevHash ?? '—'}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
