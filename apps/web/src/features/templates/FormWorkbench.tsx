import { CloudUploadOutlined, CopyOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Form, Input, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { checkFormDefinition, type FieldIssue, type FormDefinition } from '@cascade/forms';
import { errorMessage, serverIssues } from '../../app/errors';
import { usePrincipal } from '../../app/PrincipalContext';
import { canActOn } from '../../app/roles';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { BilingualInputs } from './BilingualInputs';
import { IssueContext, isShown, issueView } from './editorIssues';
import { FieldEditor } from './FieldEditor';
import { FORM_FIELDS, newField, valuesToForm, type FormValues } from './formValues';
import { FormPreview } from './FormPreview';
import { fieldForIssue, mergePlaced, placeIssues } from './issuePaths';
import type { Owner } from './TemplateWorkbench';

export type FormSetup = { owner: Owner; initialValues: FormValues; version?: { id: string; key: string; version: number; publishedAt: string | null } };

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** The form builder: the definition as a form on one side, the live preview on the other; the
 * definition is checked as it changes by checkFormDefinition, the server's own check. */
export function FormWorkbench({ setup }: { setup: FormSetup }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [values, setValues] = useState(setup.initialValues);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(setup.version !== undefined);
  const [refused, setRefused] = useState<FieldIssue[]>([]);
  const { owner, version } = setup;
  const published = Boolean(version?.publishedAt);
  const mayEdit = canActOn(principal, owner.path, 'admin');
  const definition = useMemo(() => valuesToForm(values), [values]);
  const check = useMemo(() => checkFormDefinition(definition), [definition]);
  // The preview keeps showing the last definition that checked out while the author is mid-edit.
  const lastValid = useRef<FormDefinition | null>(check.ok ? check.value : null);
  if (check.ok) lastValid.current = check.value;
  const issues = useMemo(() => (check.ok ? [] : check.issues), [check]);
  const placed = useMemo(() => mergePlaced(placeIssues(issues, FORM_FIELDS), placeIssues(refused, FORM_FIELDS, 'definition.')), [issues, refused]);
  const view = useMemo(() => issueView(placed, touched, showAll, text), [placed, touched, showAll, text]);
  const dirty = useMemo(() => JSON.stringify(definition) !== JSON.stringify(valuesToForm(setup.initialValues)), [definition, setup.initialValues]);
  const invalidate = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.forms.list.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.forms.get.pathKey() })]);
  const onRefused = (error: unknown) => {
    setShowAll(true);
    setRefused(serverIssues(error));
  };
  const save = useMutation(
    trpc.forms.saveDraft.mutationOptions({
      onSuccess: async (saved) => {
        await invalidate();
        message.success(t('templatesSaved', { version: saved.version }));
        navigate(`/templates/forms/${saved.id}`);
      },
      onError: onRefused,
    }),
  );
  const publish = useMutation(
    trpc.forms.publish.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(t('templatesFormPublished'));
      },
      onError: onRefused,
    }),
  );
  const onSave = () => {
    setShowAll(true);
    if (!check.ok) {
      message.error(t('templatesFixFirst'));
      return;
    }
    setRefused([]);
    save.mutate({ ownerUnitId: owner.id, definition });
  };
  const onTouched = useCallback((paths: string[]) => {
    setTouched((prev) => new Set([...prev, ...paths]));
    const gone = (i: FieldIssue) => {
      const field = fieldForIssue(i.path.replace(/^definition\./, ''), FORM_FIELDS);
      return field !== null && paths.some((p) => related(p, field));
    };
    setRefused((prev) => (prev.some(gone) ? prev.filter((i) => !gone(i)) : prev));
  }, []);
  const failure = save.error ?? publish.error;
  const general = placed.general.filter((i) => isShown(i, i.path, touched, showAll));
  const disabled = published || !mayEdit;
  return (
    <IssueContext.Provider value={view}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {text({ zh: values.title?.zh || t('templatesUntitledForm'), en: values.title?.en || t('templatesUntitledForm') })}
              </Typography.Title>
              {version ? <Tag>{t('templatesVersionN', { n: version.version })}</Tag> : <Tag>{t('templatesNotSaved')}</Tag>}
              {version && <Tag color={published ? 'green' : 'gold'}>{published ? t('templatesStatusPublished') : t('templatesStatusDraft')}</Tag>}
              <Typography.Text type="secondary">
                {t('templatesOwnerIs', { name: owner.name })}
              </Typography.Text>
            </Space>
            <Space wrap>
              {!disabled && (
                <>
                  <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={onSave}>
                    {t('templatesSaveDraft')}
                  </Button>
                  {version && (
                    <Tooltip title={dirty ? t('templatesSaveBeforePublish') : undefined}>
                      <Button icon={<CloudUploadOutlined />} disabled={dirty || !check.ok} loading={publish.isPending} onClick={() => publish.mutate({ formVersionId: version.id })}>
                        {t('templatesPublishForm')}
                      </Button>
                    </Tooltip>
                  )}
                  <Typography.Text type={issues.length ? 'danger' : 'success'} data-testid="form-check">
                    {issues.length ? t('templatesIssueCount', { n: issues.length }) : t('templatesValid')}
                  </Typography.Text>
                </>
              )}
              {published && <Typography.Text type="secondary">{t('templatesReadOnly')}</Typography.Text>}
              {published && version && mayEdit && (
                <Button icon={<CopyOutlined />} onClick={() => navigate(`/templates/forms/new?unit=${owner.id}&from=${version.id}`)}>
                  {t('templatesNewVersion')}
                </Button>
              )}
            </Space>
          </Space>
        </Card>
        {failure && <Alert type="error" showIcon message={t('templatesRefused')} description={errorMessage(failure, text)} />}
        {general.length > 0 && <Alert type="warning" showIcon message={t('templatesGeneralIssues')} description={general.map((i) => text(i.message)).join(';')} />}
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Form
              form={form}
              name="formDefinition"
              layout="vertical"
              initialValues={setup.initialValues}
              disabled={disabled}
              onValuesChange={() => setValues(form.getFieldsValue(true) as FormValues)}
              onFieldsChange={(changed) => onTouched(changed.map((f) => (Array.isArray(f.name) ? f.name.join('.') : String(f.name))))}
            >
              <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                <Card size="small" title={t('templatesBasics')}>
                  <Form.Item name="key" label={t('templatesFormKey')} required tooltip={t('templatesKeyHint')} {...view.item('key')}>
                    <Input autoComplete="off" />
                  </Form.Item>
                  <BilingualInputs path="title" label={t('templatesFormTitle')} required />
                  <BilingualInputs path="description" label={t('templatesDescription')} multiline />
                </Card>
                <Card size="small" title={t('templatesFields')}>
                  {view.at('fields').length > 0 && (
                    <Typography.Paragraph type="danger" role="alert">
                      {view.at('fields').map((i) => text(i.message)).join(';')}
                    </Typography.Paragraph>
                  )}
                  <Form.List name="fields">
                    {(fields, { add, remove, move }) => (
                      <Space direction="vertical" style={{ width: '100%' }}>
                        {fields.map((f, i) => (
                          <FieldEditor
                            key={f.key}
                            name={f.name}
                            index={i}
                            count={fields.length}
                            field={values.fields[i] ?? {}}
                            earlier={values.fields.slice(0, i)}
                            disabled={disabled}
                            move={move}
                            remove={remove}
                          />
                        ))}
                        {!disabled && (
                          <Button icon={<PlusOutlined />} onClick={() => add(newField(form.getFieldValue('fields') ?? []))}>
                            {t('templatesAddField')}
                          </Button>
                        )}
                      </Space>
                    )}
                  </Form.List>
                </Card>
              </Space>
            </Form>
          </Col>
          <Col xs={24} xl={10}>
            <Card size="small" title={t('templatesPreview')} style={{ position: 'sticky', top: 16 }}>
              {lastValid.current ? <FormPreview form={lastValid.current} stale={!check.ok} /> : <Alert type="info" showIcon message={t('templatesPreviewNeedsValid')} />}
            </Card>
          </Col>
        </Row>
      </Space>
    </IssueContext.Provider>
  );
}
