import { CheckOutlined, EditOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { errorMessage } from '../../app/errors';
import { formatDateTime } from '../../app/formatDate';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { AmendDialog } from './AmendDialog';
import { standingOf } from './cascadeState';
import { ReceiptRequirements, type ReceiptView } from './ReceiptRequirements';
import { ReceiptStateTag } from './ReceiptStateTag';
import { useReceiptActions } from './useReceiptActions';

/** One received directive: what it asks, by when, and the actions its state allows now. */
function ReceivedCard({ receipt }: { receipt: ReceiptView }) {
  const { t, text, lang } = useLocale();
  const [amending, setAmending] = useState(false);
  const { acknowledge, forward } = useReceiptActions();
  const standing = standingOf(receipt);
  const failed = acknowledge.error ?? forward.error;
  return (
    <Card
      size="small"
      data-testid="received-receipt"
      data-unit={receipt.unit.code}
      data-state={receipt.state}
      style={standing.overdue ? { borderColor: '#cf1322' } : undefined}
      title={
        <Space direction="vertical" size={0} style={{ whiteSpace: 'normal', paddingBlock: 8 }}>
          <Typography.Text strong>{receipt.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {receipt.unit.name} · {text(LEVEL_NAMES[receipt.unit.level as OrgLevel] ?? { zh: receipt.unit.level, en: receipt.unit.level })} · {t('directivesFromUnit', { unit: receipt.fromAbove.unitName })}
          </Typography.Text>
        </Space>
      }
      extra={<ReceiptStateTag standing={standing} />}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {receipt.lateToAcknowledge && receipt.state === 'received' && <Alert type="error" showIcon message={t('directivesLateToAcknowledge')} />}
        {receipt.lateToForward && standing.overdue && receipt.state !== 'received' && <Alert type="error" showIcon message={t('directivesLateToForward')} />}
        <ReceiptRequirements receipt={receipt} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('directivesReceivedAt')} {formatDateTime(receipt.receivedAt, lang)}
          {receipt.acknowledgedAt && ` · ${t('directivesAcknowledgedAt')} ${formatDateTime(receipt.acknowledgedAt, lang)}`}
        </Typography.Text>
        {failed && <Alert type="error" showIcon message={errorMessage(failed, text)} />}
        <Flex wrap gap={8} justify="space-between" align="center">
          <Link to={`/directives/${receipt.directiveId}`}>{t('directivesViewCascade')}</Link>
          <Space wrap>
            {receipt.actions.includes('ACKNOWLEDGE') && (
              <Button type="primary" icon={<CheckOutlined />} loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ receiptId: receipt.id })}>
                {t('directivesAcknowledge')}
              </Button>
            )}
            {receipt.actions.includes('AMEND') && (
              <Button icon={<EditOutlined />} onClick={() => setAmending(true)}>
                {t('directivesAmend')}
              </Button>
            )}
            {receipt.actions.includes('FORWARD') && (
              <Popconfirm
                title={t('directivesForwardConfirm')}
                description={receipt.actions.includes('AMEND') ? t('directivesForwardHint') : undefined}
                okText={t('directivesForward')}
                cancelText={t('directivesCancel')}
                onConfirm={() => forward.mutateAsync({ receiptId: receipt.id }).catch(() => undefined)}
              >
                <Button type="primary" icon={<SendOutlined />} loading={forward.isPending}>
                  {t('directivesForward')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        </Flex>
      </Space>
      {receipt.actions.includes('AMEND') && <AmendDialog receipt={receipt} open={amending} onClose={() => setAmending(false)} />}
    </Card>
  );
}

/** 收文办理: directives received by the admin's units that wait on them, soonest deadline first. */
export function ReceivedPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const inbox = useQuery({ ...trpc.receipts.inbox.queryOptions(), refetchInterval: 60_000 });
  return (
    <>
      <Typography.Title level={3}>{t('directivesReceivedTitle')}</Typography.Title>
      <QueryState query={inbox} isEmpty={(rows) => rows.length === 0} emptyText={t('directivesReceivedNone')}>
        {(rows) => (
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {rows.map((receipt) => (
              <ReceivedCard key={receipt.id} receipt={receipt} />
            ))}
          </Space>
        )}
      </QueryState>
    </>
  );
}
