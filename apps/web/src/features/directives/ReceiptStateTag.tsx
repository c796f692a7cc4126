import { ExclamationCircleFilled, RiseOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import type { MessageKey } from '../../i18n/messages';
import { RECEIPT_STATES, stateColour, type Standing } from './cascadeState';

export function receiptStateKey(state: string): MessageKey | null {
  return (RECEIPT_STATES as readonly string[]).includes(state) ? (`directivesReceipt_${state}` as MessageKey) : null;
}

/** A receipt's state in its colour, with lateness and escalations marked beside it. */
export function ReceiptStateTag({ standing }: { standing: Standing }) {
  const { t } = useLocale();
  const key = receiptStateKey(standing.state);
  return (
    <Space size={4} wrap>
      <Tag color={stateColour(standing.state)} style={{ marginInlineEnd: 0 }}>
        {key ? t(key) : standing.state}
      </Tag>
      {standing.overdue && (
        <Tag color="red" icon={<ExclamationCircleFilled />} style={{ marginInlineEnd: 0 }} data-testid="receipt-overdue">
          {t('directivesOverdue')}
        </Tag>
      )}
      {standing.escalations > 0 && (
        <Tag color="orange" icon={<RiseOutlined />} style={{ marginInlineEnd: 0 }} data-testid="receipt-escalated">
          {t('directivesEscalated', { n: standing.escalations })}
        </Tag>
      )}
    </Space>
  );
}
