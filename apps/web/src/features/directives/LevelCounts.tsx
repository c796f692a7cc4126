import { Card, Col, Progress, Row, Space, Tag, Typography } from 'antd';
import { LEVEL_NAMES } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { RECEIPT_STATES, stateColour, takenUp, type LevelCount } from './cascadeState';
import { receiptStateKey } from './ReceiptStateTag';

/** Per level: how many units received the directive, what share took it up, and how many are in each state. */
export function LevelCounts({ counts }: { counts: readonly LevelCount[] }) {
  const { t, text } = useLocale();
  return (
    <Row gutter={[12, 12]}>
      {counts.map((count) => (
        <Col key={count.level} xs={24} sm={12} lg={8} xl={6}>
          <Card size="small" data-testid="level-count" data-level={count.level} title={text(LEVEL_NAMES[count.level])} extra={<Typography.Text strong>{count.total}</Typography.Text>}>
            <Progress percent={Math.round(takenUp(count) * 100)} size="small" aria-label={t('directivesTakenUp', { done: count.total - count.byState.received, total: count.total })} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('directivesTakenUp', { done: count.total - count.byState.received, total: count.total })}
            </Typography.Text>
            <Space size={[4, 4]} wrap style={{ marginTop: 8, display: 'flex' }}>
              {RECEIPT_STATES.filter((s) => count.byState[s] > 0).map((s) => (
                <Tag key={s} color={stateColour(s)} data-state={s}>
                  {t(receiptStateKey(s)!)} {count.byState[s]}
                </Tag>
              ))}
            </Space>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
