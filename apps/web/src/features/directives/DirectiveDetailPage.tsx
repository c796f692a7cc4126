import { ArrowLeftOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Descriptions, Drawer, Flex, Grid, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { canActOn } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { CascadeTree } from './CascadeTree';
import { levelCounts, RECEIPT_STATES, stateColour, type ReceiptRow } from './cascadeState';
import { CloseDirectiveDialog } from './CloseDirectiveDialog';
import { DirectiveStateTag } from './DirectiveStateTag';
import { FanOutProgress } from './FanOutProgress';
import { LevelCounts } from './LevelCounts';
import { ReceiptPanel } from './ReceiptPanel';
import { receiptStateKey } from './ReceiptStateTag';
import { useCascadeLive } from './useCascadeLive';

type Directive = RouterOutputs['directives']['get'];

function LiveStatus({ status }: { status: string }) {
  const { t } = useLocale();
  if (status === 'pending') return <Badge status="processing" text={t('directivesLive')} data-testid="live-status" data-live="on" />;
  if (status === 'error') return <Badge status="error" text={t('directivesLiveLost')} data-testid="live-status" data-live="off" />;
  return <Badge status="warning" text={t('directivesLiveConnecting')} data-testid="live-status" data-live="connecting" />;
}

function Legend() {
  const { t } = useLocale();
  return (
    <Space size={[4, 4]} wrap aria-label={t('directivesLegend')}>
      {RECEIPT_STATES.map((s) => (
        <Tag key={s} color={stateColour(s)}>
          {t(receiptStateKey(s)!)}
        </Tag>
      ))}
      <Tag color="red">{t('directivesOverdue')}</Tag>
    </Space>
  );
}

function DirectiveBody({ directive }: { directive: Directive }) {
  const { t, text, lang } = useLocale();
  const principal = usePrincipal();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const live = useCascadeLive(directive.directive.id);
  const [selected, setSelected] = useState<ReceiptRow | null>(null);
  const [closing, setClosing] = useState(false);
  const mayClose = directive.state !== 'closed' && canActOn(principal, directive.issuingUnit.path, 'admin');
  const rootTitle = (
    <Space size={6} wrap>
      <Typography.Text strong>{directive.issuingUnit.name}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {text(LEVEL_NAMES[directive.issuingUnit.level as OrgLevel] ?? { zh: directive.issuingUnit.level, en: directive.issuingUnit.level })}
      </Typography.Text>
      <DirectiveStateTag state={directive.state} />
    </Space>
  );
  const panel = selected ? <ReceiptPanel receiptId={selected.id} /> : <Typography.Text type="secondary">{t('directivesSelectNode')}</Typography.Text>;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card size="small">
        <Flex justify="space-between" align="start" gap={12} wrap>
          <Typography.Title level={4} style={{ margin: 0, flex: '1 1 320px' }}>
            {directive.directive.title}
          </Typography.Title>
          <Space wrap>
            <DirectiveStateTag state={directive.state} />
            {mayClose && (
              <Button danger icon={<StopOutlined />} onClick={() => setClosing(true)}>
                {t('directivesClose')}
              </Button>
            )}
          </Space>
        </Flex>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('directivesIssuer')}>{directive.issuingUnit.name}</Descriptions.Item>
          <Descriptions.Item label={t('directivesIssuedAt')}>{formatDateTime(directive.directive.issuedAt, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('directivesDirectiveDeadline')}>{formatDateTime(directive.directive.deadline, lang)}</Descriptions.Item>
        </Descriptions>
        {directive.directive.requirements.length > 0 && (
          <>
            <Typography.Text type="secondary">{t('directivesRequirements')}</Typography.Text>
            <ol style={{ marginTop: 4, paddingInlineStart: 20 }}>
              {directive.directive.requirements.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ol>
          </>
        )}
        <Typography.Paragraph ellipsis={{ rows: 2, expandable: true }} style={{ marginBottom: 0 }}>
          {directive.directive.body}
        </Typography.Paragraph>
      </Card>

      <FanOutProgress directiveId={directive.directive.id} />
      <Card size="small" title={t('directivesCountsByLevel')} extra={<LiveStatus status={live.status} />}>
        <LevelCounts counts={levelCounts(directive.counts)} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} md={14}>
          <Card size="small" title={t('directivesCascade')} extra={phone ? undefined : <Legend />}>
            {phone && (
              <div style={{ marginBottom: 8 }}>
                <Legend />
              </div>
            )}
            <div style={{ overflowX: 'auto' }}>
              <CascadeTree directiveId={directive.directive.id} rootTitle={rootTitle} selectedId={selected?.id ?? null} onSelect={setSelected} />
            </div>
          </Card>
        </Col>
        {!phone && (
          <Col md={10}>
            <Card size="small" title={t('directivesNodeDetail')} style={{ position: 'sticky', top: 16 }}>
              {panel}
            </Card>
          </Col>
        )}
      </Row>
      {phone && (
        <Drawer open={selected !== null} onClose={() => setSelected(null)} placement="bottom" height="80%" title={selected?.unit.name ?? t('directivesNodeDetail')}>
          {panel}
        </Drawer>
      )}
      {mayClose && <CloseDirectiveDialog directiveId={directive.directive.id} title={directive.directive.title} open={closing} onClose={() => setClosing(false)} />}
    </Space>
  );
}

/** 通知详情: the directive, its counts per level, and the cascade as a live tree. */
export function DirectiveDetailPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const query = useQuery(trpc.directives.get.queryOptions({ id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/directives')} style={{ paddingInline: 0 }}>
        {t('back')}
      </Button>
      <QueryState query={query}>{(directive) => <DirectiveBody directive={directive} />}</QueryState>
    </Space>
  );
}
