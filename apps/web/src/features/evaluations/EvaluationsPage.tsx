import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Form, Select, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { usePrincipal } from '../../app/PrincipalContext';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { CaseList } from './CaseList';
import { EvaluateForm } from './EvaluateForm';
import { EvaluationList } from './EvaluationList';
import { evaluatorGrants } from './evaluationSubjects';

/** 考评问责: the level above evaluates units and people of a directive from what they did, and runs
 * the accountability cases; auditors read both. `?directive=<id>&tab=cases` links straight in. */
export function EvaluationsPage() {
  const { t } = useLocale();
  const trpc = useTRPC();
  const principal = usePrincipal();
  const [params, setParams] = useSearchParams();
  const directives = useQuery(trpc.directives.list.queryOptions());
  const evaluators = evaluatorGrants(principal);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    setParams(next);
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('evaluationsTitle')}
      </Typography.Title>
      <QueryState query={directives} isEmpty={(list) => list.length === 0} emptyText={t('evaluationsNoDirectives')}>
        {(list) => {
          const directive = list.find((d) => d.id === params.get('directive')) ?? list[0]!;
          return (
            <>
              <Card size="small">
                <Form layout="vertical">
                  <Form.Item label={t('evaluationsDirective')} htmlFor="evaluations-directive" style={{ marginBottom: 0 }}>
                    <Select id="evaluations-directive" value={directive.id} onChange={(id: string) => set('directive', id)} options={list.map((d) => ({ value: d.id, label: d.title }))} showSearch optionFilterProp="label" />
                  </Form.Item>
                </Form>
              </Card>
              <Tabs
                activeKey={params.get('tab') === 'cases' ? 'cases' : 'evaluate'}
                onChange={(tab) => set('tab', tab)}
                items={[
                  {
                    key: 'evaluate',
                    label: t('evaluationsTabEvaluate'),
                    children: (
                      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                        {evaluators.length > 0 ? <EvaluateForm key={directive.id} directiveId={directive.id} evaluators={evaluators} /> : <Alert type="info" showIcon message={t('evaluationsReadOnly')} />}
                        <EvaluationList directiveId={directive.id} />
                      </Space>
                    ),
                  },
                  { key: 'cases', label: t('evaluationsTabCases'), children: <CaseList directiveId={directive.id} /> },
                ]}
              />
            </>
          );
        }}
      </QueryState>
    </Space>
  );
}
