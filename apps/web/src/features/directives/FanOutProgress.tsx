import { useSubscription } from '@trpc/tanstack-react-query';
import { Card, Progress, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { progressPercent, recordProgress, shownProgress, type FanOutBar, type FanOutReport } from './fanOutProgress';

/**
 * While a fan-out of this directive runs (an issue, or a unit forwarding to thousands below it), a
 * progress bar per level from `directives.onFanOutProgress`; nothing otherwise. The receipts become
 * visible in the tree only when the command commits, so this is what shows the work meanwhile.
 */
export function FanOutProgress({ directiveId }: { directiveId: string }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const [bars, setBars] = useState<ReadonlyMap<string, FanOutBar>>(new Map());
  const [now, setNow] = useState(() => Date.now());
  const onData = useCallback((report: FanOutReport) => {
    const at = Date.now();
    setBars((current) => recordProgress(current, report, at));
    setNow(at);
  }, []);
  useSubscription(trpc.directives.onFanOutProgress.subscriptionOptions({ directiveId }, { onData }));
  const shown = shownProgress(bars, now);
  const running = shown.length > 0;
  // Finished and stalled bars leave by the clock, not by news: tick while any is shown.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  if (!running) return null;
  return (
    <Card size="small" data-testid="fanout">
      <Space direction="vertical" style={{ width: '100%' }}>
        {shown.map((bar) => {
          const level = text(LEVEL_NAMES[bar.level as OrgLevel] ?? { zh: bar.level, en: bar.level });
          return (
            <div key={bar.level} data-testid="fanout-progress" data-level={bar.level} data-done={bar.done ? 'true' : undefined}>
              <Typography.Text strong>{t('directivesFanOut', { level })}</Typography.Text>
              <Progress percent={progressPercent(bar)} status={bar.done ? 'success' : 'active'} aria-label={t('directivesFanOut', { level })} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('directivesFanOutDetail', { created: bar.created, expected: bar.expected })}
              </Typography.Text>
            </div>
          );
        })}
      </Space>
    </Card>
  );
}
