import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { formatDateTime } from '../../app/formatDate';
import { usePrincipal } from '../../app/PrincipalContext';
import { QueryState } from '../../components/QueryState';
import { StateDiagram } from '../../components/StateDiagram/StateDiagram';
import { useLocale } from '../../i18n/LocaleProvider';
import type { MessageKey } from '../../i18n/messages';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { CaseActionPanel } from './CaseActionPanel';
import { CASE_ACTIONS, CASE_STATE_COLOUR, caseStateKey, mayRunCase, offeredActions } from './caseActions';
import { caseHistoryItems, visitedStates } from './caseHistory';
import { CaseOrigin } from './CaseOrigin';
import { OUTCOME_COLOUR } from './EvaluationList';

type Case = RouterOutputs['cases']['get'];

/** One accountability case: what it is about, the steps its state allows (for the level above
 * only), its history, and where it stands on the case's flow. */
export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.cases.get.queryOptions({ caseId: id }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={query.data?.directiveId ? `/evaluations?directive=${query.data.directiveId}&tab=cases` : '/evaluations?tab=cases'}>
        <ArrowLeftOutlined /> {t('evaluationsCaseBack')}
      </Link>
      <QueryState query={query}>{(found) => <CaseView found={found} />}</QueryState>
    </Space>
  );
}

function CaseView({ found }: { found: Case }) {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const principal = usePrincipal();
  const history = useQuery(trpc.audit.history.queryOptions({ instanceId: found.id }));
  const template = useQuery(trpc.templates.get.queryOptions({ id: found.templateVersionId }));
  const mayRun = mayRunCase(principal, found.unitPath);
  const actions = offeredActions(found.acceptedEvents, mayRun);
  const decision = ((found.snapshot as { context?: { decision?: string | null } }).context?.decision ?? null) as string | null;
  const stateKey = caseStateKey(found.state);
  const graph = template.data?.machines?.case;
  return (
    <>
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Text strong>{t('evaluationsCaseTitle')}</Typography.Text>
            <Tag color={CASE_STATE_COLOUR[found.state]} data-testid="case-state" data-state={found.state}>
              {stateKey ? t(stateKey) : found.state}
            </Tag>
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('evaluationsCaseSubject')}>{found.subjectUserName ? `${found.subjectUserName}(${found.unitName ?? ''})` : (found.unitName ?? '—')}</Descriptions.Item>
          <Descriptions.Item label={t('evaluationsCaseOrigin')}>
            <Space wrap>
              {found.evaluation?.outcome && <Tag color={OUTCOME_COLOUR[found.evaluation.outcome]}>{t(`evaluationsOutcome_${found.evaluation.outcome}` as MessageKey)}</Tag>}
              <CaseOrigin evaluation={found.evaluation} />
            </Space>
          </Descriptions.Item>
          {decision && <Descriptions.Item label={t('evaluationsCaseDecision')}>{t(`evaluationsDecision_${decision}` as MessageKey)}</Descriptions.Item>}
          <Descriptions.Item label={t('evaluationsCaseUpdated')}>{formatDateTime(found.updatedAt as unknown as string, lang)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('evaluationsCaseActions')}>
        {actions.length > 0 ? (
          <CaseActionPanel caseId={found.id} actions={actions} />
        ) : (
          <Alert type="info" showIcon message={mayRun || found.acceptedEvents.length === 0 ? t('evaluationsCaseNoAction') : t('evaluationsCaseNotYours')} />
        )}
      </Card>
      {graph && (
        <Card size="small" title={t('evaluationsCaseDiagram')}>
          <StateDiagram
            graph={graph}
            activeState={found.state}
            visited={history.data ? visitedStates(history.data.rows) : undefined}
            stateLabel={(s) => {
              const key = caseStateKey(s);
              return key ? t(key) : s;
            }}
            eventLabel={(e) => ((CASE_ACTIONS as readonly string[]).includes(e) ? t(`evaluationsAction_${e}` as MessageKey) : e)}
            height={220}
          />
        </Card>
      )}
      <Card size="small" title={t('evaluationsCaseHistory')}>
        <QueryState query={history} isEmpty={(h) => h.rows.length === 0} emptyText={t('evaluationsHistoryNone')}>
          {(h) => (
            <Timeline
              items={caseHistoryItems(h.rows).map((item) => ({
                key: item.seq,
                color: item.to === 'closed' ? 'gray' : 'red',
                children: (
                  <div data-testid="case-history-item" data-to={item.to}>
                    <Space wrap size={4}>
                      <Typography.Text strong>{item.label ? t(item.label) : item.eventType}</Typography.Text>
                      <Typography.Text type="secondary">
                        {item.from ? `${caseStateKey(item.from) ? t(caseStateKey(item.from)!) : item.from} → ` : ''}
                        {caseStateKey(item.to) ? t(caseStateKey(item.to)!) : item.to}
                      </Typography.Text>
                    </Space>
                    <div>
                      <Typography.Text type="secondary">{t('evaluationsHistoryBy', { actor: item.actor ?? t('evaluationsSystem'), at: formatDateTime(item.at, lang) })}</Typography.Text>
                    </div>
                    {item.details.map((d) => (
                      <div key={d.label}>
                        <Typography.Text type="secondary">{t(d.label)}:</Typography.Text>
                        {Array.isArray(d.value) ? d.value.join(';') : d.translate ? t(d.value as MessageKey) : d.label === 'evaluationsRectifyDue' ? formatDateTime(d.value, lang) : d.value}
                      </div>
                    ))}
                  </div>
                ),
              }))}
            />
          )}
        </QueryState>
      </Card>
    </>
  );
}
