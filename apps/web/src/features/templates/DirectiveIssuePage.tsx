import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { LEVEL_NAMES, type Level, type TemplateDefinition } from '@cascade/workflow';
import { errorMessage, serverIssues } from '../../app/errors';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { namePath } from './issuePaths';
import { issueChoices } from './issueTargets';
import { useAdminUnits, type AdminUnit } from './useAdminUnits';

type IssueValues = { templateVersionId?: string; issuingUnitId?: string; title?: string; body?: string; requirements?: string[]; deadline?: Dayjs | null };

const INPUTS = new Set(['templateVersionId', 'issuingUnitId', 'title', 'body', 'requirements', 'deadline']);

/** Which units will receive the directive: the next level of the chain under the issuing unit. */
function Recipients({ templateVersionId, issuingUnitId }: { templateVersionId: string; issuingUnitId: string }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const query = useQuery(trpc.templates.recipients.queryOptions({ templateVersionId, issuingUnitId }));
  return (
    <QueryState query={query} isEmpty={(r) => r.total === 0} emptyText={t('templatesNoRecipients')}>
      {(r) => (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="recipients">
          <Typography.Text>{t('templatesRecipientsCount', { n: r.total, level: text(LEVEL_NAMES[r.level as Level] ?? { zh: r.level, en: r.level }) })}</Typography.Text>
          <Space size={[4, 4]} wrap>
            {r.units.map((u) => (
              <Tag key={u.id}>{u.name}</Tag>
            ))}
            {r.total > r.units.length && <Tag>{t('templatesRecipientsMore', { n: r.total - r.units.length })}</Tag>}
          </Space>
        </Space>
      )}
    </QueryState>
  );
}

function IssueForm({ units }: { units: AdminUnit[] }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [form] = Form.useForm<IssueValues>();
  const lists = useQueries({ queries: units.map((u) => trpc.templates.list.queryOptions({ orgUnitId: u.id })) });
  // The form takes its first values when it mounts: wait for fresh lists, since a cached one may
  // predate the version just published that the address asks for.
  const pending = lists.some((q) => q.isPending || (q.isFetching && !q.isFetchedAfterMount));
  const listError = lists.find((q) => q.isError);
  const choices = issueChoices(units.map((unit, i) => ({ unit, rows: lists[i]?.data })));
  const wanted = params.get('template');
  const [templateId, setTemplateId] = useState<string | undefined>(wanted ?? undefined);
  const choice = choices.find((c) => c.template.id === templateId);
  const definition = choice?.template.definition as TemplateDefinition | undefined;
  const issuingUnitId = Form.useWatch('issuingUnitId', form);
  const [general, setGeneral] = useState<string | null>(null);
  const issue = useMutation(
    trpc.directives.issue.mutationOptions({
      onSuccess: async ({ directiveId }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.directives.list.pathKey() });
        navigate(`/directives/${directiveId}`);
      },
      onError: (error) => {
        // Server refusals go to the input they name; what names no input is shown above the form.
        const issues = serverIssues(error);
        const placed = issues.filter((i) => INPUTS.has(i.path.split('.')[0] ?? ''));
        form.setFields(placed.map((i) => ({ name: namePath(i.path) as never, errors: [text(i.message)] })));
        setGeneral(placed.length === issues.length && issues.length > 0 ? null : errorMessage(error, text));
      },
    }),
  );
  if (pending) return <Spin style={{ display: 'block', padding: 48 }} />;
  if (listError) return <QueryState query={listError}>{() => null}</QueryState>;
  if (choices.length === 0) return <Empty description={t('templatesNothingToIssue')}><Link to="/templates">{t('templatesGoToTemplates')}</Link></Empty>;
  const wantedMissing = wanted !== null && !choices.some((c) => c.template.id === wanted);
  const onFinish = (values: IssueValues) => {
    setGeneral(null);
    issue.mutate({
      templateVersionId: values.templateVersionId ?? '',
      issuingUnitId: values.issuingUnitId ?? '',
      title: values.title ?? '',
      body: values.body ?? '',
      requirements: (values.requirements ?? []).map((r) => r?.trim()).filter((r): r is string => Boolean(r)),
      deadline: (values.deadline ?? dayjs(0)).toISOString(),
    });
  };
  return (
    <Form
      form={form}
      name="issueDirective"
      layout="vertical"
      initialValues={{ templateVersionId: choice?.template.id, issuingUnitId: choice?.units.length === 1 ? choice.units[0]?.id : undefined, requirements: [''] }}
      onFinish={onFinish}
      onValuesChange={(changed: IssueValues) => {
        if ('templateVersionId' in changed) {
          setTemplateId(changed.templateVersionId);
          const next = choices.find((c) => c.template.id === changed.templateVersionId);
          form.setFieldValue('issuingUnitId', next?.units.length === 1 ? next.units[0]?.id : undefined);
        }
      }}
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {wantedMissing && <Alert type="warning" showIcon message={t('templatesCannotIssueThis')} />}
        {general && <Alert type="error" showIcon message={t('templatesRefused')} description={general} />}
        <Card size="small" title={t('templatesIssueWhat')}>
          <Row gutter={12}>
            <Col xs={24} md={14}>
              <Form.Item name="templateVersionId" label={t('templatesTemplateVersion')} rules={[{ required: true, message: t('templatesPickTemplate') }]}>
                <Select
                  showSearch
                  optionFilterProp="label"
                  options={choices.map((c) => ({ value: c.template.id, label: t('templatesVersionOption', { name: text((c.template.definition as TemplateDefinition).name), version: c.template.version, owner: c.template.ownerName }) }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="issuingUnitId" label={t('templatesIssuingUnit')} rules={[{ required: true, message: t('templatesPickIssuingUnit') }]}>
                <Select options={(choice?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
            </Col>
          </Row>
          {definition && (
            <Typography.Paragraph type="secondary">
              {t('templatesChainIs', { chain: definition.chain.map((l) => text(LEVEL_NAMES[l])).join(' → ') })}
            </Typography.Paragraph>
          )}
          {choice && issuingUnitId && <Recipients templateVersionId={choice.template.id} issuingUnitId={issuingUnitId} />}
        </Card>
        <Card size="small" title={t('templatesIssueContent')}>
          <Form.Item name="title" label={t('templatesDirectiveTitle')} rules={[{ required: true, whitespace: true, message: t('templatesTitleRequired') }, { max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="body" label={t('templatesDirectiveBody')} rules={[{ required: true, whitespace: true, message: t('templatesBodyRequired') }, { max: 20_000 }]}>
            <Input.TextArea autoSize={{ minRows: 4 }} />
          </Form.Item>
          <Form.List name="requirements">
            {(fields, { add, remove }) => (
              <div role="group" aria-label={t('templatesRequirements')}>
                <Typography.Text>{t('templatesRequirements')}</Typography.Text>
                {fields.map((field, i) => (
                  <div key={field.key} style={{ display: 'flex', alignItems: 'flex-end', gap: 8, marginTop: 8 }}>
                    <Form.Item name={field.name} label={t('templatesRequirementN', { n: i + 1 })} rules={[{ max: 1000 }]} style={{ marginBottom: 0, flex: 1 }}>
                      <Input />
                    </Form.Item>
                    <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('templatesRemoveRequirement', { n: i + 1 })} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add('')} style={{ marginTop: 8 }}>
                  {t('templatesAddRequirement')}
                </Button>
              </div>
            )}
          </Form.List>
          <Form.Item
            name="deadline"
            label={t('templatesDeadline')}
            style={{ marginTop: 16 }}
            rules={[
              { required: true, message: t('templatesDeadlineRequired') },
              { validator: (_, v: Dayjs | null) => (v && !v.isAfter(dayjs()) ? Promise.reject(new Error(t('templatesDeadlineFuture'))) : Promise.resolve()) },
            ]}
          >
            {/* Enter confirms a typed date; it must not also issue the directive by submitting the form. */}
            <DatePicker
              onKeyDown={(e) => {
                if (e.key === 'Enter') e.preventDefault();
              }}
              showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('templatesDeadlinePlaceholder')} disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%', maxWidth: 320 }} />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={issue.isPending}>
          {t('templatesIssueSubmit')}
        </Button>
      </Space>
    </Form>
  );
}

/** Issue a directive from a published template (下发通知): reached from a template and from the
 * directives list; on success it opens the directive's cascade. */
export function DirectiveIssuePage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const { units, query } = useAdminUnits();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)} style={{ paddingInline: 0 }}>
        {t('back')}
      </Button>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('templatesIssueTitle')}
      </Typography.Title>
      <QueryState query={query} isEmpty={() => units.length === 0} emptyText={t('templatesNoAdminUnit')}>
        {() => <IssueForm units={units} />}
      </QueryState>
    </Space>
  );
}
