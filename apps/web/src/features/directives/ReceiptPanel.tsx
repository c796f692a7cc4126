import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { standingOf } from './cascadeState';
import { ReceiptRequirements } from './ReceiptRequirements';
import { ReceiptStateTag } from './ReceiptStateTag';

/** One unit of the cascade: its state, what the levels above required of it and what it added. */
export function ReceiptPanel({ receiptId }: { receiptId: string }) {
  const { t, text, lang } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.receipts.get.queryOptions({ receiptId }));
  return (
    <QueryState query={query}>
      {(receipt) => (
        <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="receipt-panel">
          <Space wrap>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {receipt.unit.name}
            </Typography.Title>
            <Typography.Text type="secondary">{text(LEVEL_NAMES[receipt.unit.level as OrgLevel] ?? { zh: receipt.unit.level, en: receipt.unit.level })}</Typography.Text>
            <ReceiptStateTag standing={standingOf(receipt)} />
          </Space>
          <ReceiptRequirements receipt={receipt} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('directivesReceivedAt')} {formatDateTime(receipt.receivedAt, lang)}
            {receipt.acknowledgedAt && ` · ${t('directivesAcknowledgedAt')} ${formatDateTime(receipt.acknowledgedAt, lang)}`}
          </Typography.Text>
        </Space>
      )}
    </QueryState>
  );
}
