import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage, serverIssues } from '../../app/errors';
import type { Grant } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import type { MessageKey } from '../../i18n/messages';
import { useTRPC } from '../../trpc';
import { parseSubject, recordInput, subjectOptions, type Outcome, type Subjects } from './evaluationSubjects';
import { evidenceFor, needsEvidence } from './evidence';
import { EvidencePicker } from './EvidencePicker';
import { recordFieldName } from './recordFieldName';
import { useEvidence } from './useEvidence';

type Values = { subject?: string; outcome?: Outcome; comment?: string; evidence?: string[] };

/** The level above records how a unit or a person did, with the evidence beside the form. */
export function EvaluateForm({ directiveId, evaluators }: { directiveId: string; evaluators: Grant[] }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [evaluatorId, setEvaluatorId] = useState(evaluators[0]!.orgUnitId);
  const subjects = useQuery(trpc.evaluations.subjects.queryOptions({ directiveId, evaluatorUnitId: evaluatorId }));
  const units = useQuery({ ...trpc.orgUnits.roots.queryOptions(), enabled: evaluators.length > 1 });
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  return (
    <Card size="small" title={t('evaluationsRecordTitle')}>
      {evaluators.length > 1 && (
        <Form layout="vertical">
          <Form.Item label={t('evaluationsEvaluator')} htmlFor="evaluations-evaluator">
            <Select id="evaluations-evaluator" value={evaluatorId} onChange={setEvaluatorId} options={evaluators.map((g) => ({ value: g.orgUnitId, label: unitName(g.orgUnitId) }))} />
          </Form.Item>
        </Form>
      )}
      <QueryState query={subjects}>{(found) => <SubjectForm key={`${directiveId}:${evaluatorId}`} directiveId={directiveId} subjects={found} />}</QueryState>
    </Card>
  );
}

function SubjectForm({ directiveId, subjects }: { directiveId: string; subjects: Subjects }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const subject = parseSubject(Form.useWatch('subject', form));
  const outcome = Form.useWatch('outcome', form);
  const evidence = useEvidence(directiveId, subject);
  const [opened, setOpened] = useState<string | null>(null);
  const record = useMutation(
    trpc.evaluations.record.mutationOptions({
      onSuccess: async (result) => {
        message.success(t('evaluationsRecorded'));
        setOpened(result.caseId);
        form.resetFields();
        await Promise.all([queryClient.invalidateQueries({ queryKey: trpc.evaluations.list.queryKey({ directiveId }) }), queryClient.invalidateQueries({ queryKey: trpc.cases.list.queryKey({ directiveId }) })]);
      },
      onError: (error) => {
        const issues = serverIssues(error);
        const byField = new Map<string, string[]>();
        for (const issue of issues) byField.set(recordFieldName(issue.path), [...(byField.get(recordFieldName(issue.path)) ?? []), text(issue.message)]);
        const known = ['subject', 'outcome', 'comment', 'evidence'];
        form.setFields([...byField].filter(([name]) => known.includes(name)).map(([name, errors]) => ({ name: name as keyof Values, errors })));
        message.error(errorMessage(error, text));
      },
    }),
  );
  if (!subjects.subjectLevel && !subjects.persons) return <Alert type="info" showIcon message={t('evaluationsNoSubjectLevel', { unit: subjects.evaluator.name })} />;
  const options = subjectOptions(subjects);
  const submit = (values: Values) => {
    const chosen = parseSubject(values.subject);
    if (!chosen || !values.outcome) return;
    record.mutate(recordInput({ directiveId, evaluatorUnitId: subjects.evaluator.id, subject: chosen, outcome: values.outcome, comment: values.comment ?? '', evidence: evidenceFor(evidence.data?.tasks ?? [], values.evidence ?? []) }));
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {opened && (
        <Alert
          type="warning"
          showIcon
          data-testid="case-opened"
          message={t('evaluationsCaseOpened')}
          action={
            <Link to={`/evaluations/cases/${opened}`}>
              <Button size="small" type="primary">
                {t('evaluationsOpenCase')}
              </Button>
            </Link>
          }
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} onFinishFailed={() => message.error(t('evaluationsFixErrors'))} requiredMark>
        <Form.Item name="subject" label={t('evaluationsSubject')} rules={[{ required: true, message: t('evaluationsRequired') }]}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder={t('evaluationsSubjectPlaceholder')}
            notFoundContent={t('evaluationsNoSubjects')}
            onChange={() => form.setFieldValue('evidence', [])}
            options={[
              ...(options.units.length ? [{ label: t('evaluationsSubjectUnits'), options: options.units.map((o) => ({ value: o.value, label: o.label })) }] : []),
              ...(options.people.length ? [{ label: t('evaluationsSubjectPeople'), options: options.people }] : []),
            ]}
          />
        </Form.Item>
        <Form.Item name="outcome" label={t('evaluationsOutcome')} rules={[{ required: true, message: t('evaluationsRequired') }]}>
          <Radio.Group>
            {subjects.outcomes.map((o) => (
              <Radio.Button key={o} value={o}>
                {t(`evaluationsOutcome_${o}` as MessageKey)}
                {subjects.evidenceRequiredFor.includes(o) ? (
                  <Tag style={{ marginInlineStart: 6, marginInlineEnd: 0 }} bordered={false}>
                    {t('evaluationsEvidenceRequired')}
                  </Tag>
                ) : null}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('evaluationsComment')} rules={[{ required: true, whitespace: true, message: t('evaluationsRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('evaluationsCommentPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={t('evaluationsEvidence')}
          extra={t('evaluationsEvidenceHint')}
          dependencies={['outcome']}
          rules={[{ validator: async (_, ids: string[] | undefined) => { if (needsEvidence(form.getFieldValue('outcome'), subjects.evidenceRequiredFor) && !(ids ?? []).length) throw new Error(t('evaluationsEvidenceRequired')); } }]}
          required={needsEvidence(outcome, subjects.evidenceRequiredFor)}
        >
          <EvidencePicker directiveId={directiveId} subject={subject} />
        </Form.Item>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Button type="primary" htmlType="submit" loading={record.isPending}>
            {t('evaluationsRecord')}
          </Button>
        </Typography.Paragraph>
      </Form>
    </Space>
  );
}
