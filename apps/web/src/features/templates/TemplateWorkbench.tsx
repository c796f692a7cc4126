import { CopyOutlined, SaveOutlined, SendOutlined, BranchesOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FieldIssue } from '@cascade/forms';
import { LEVEL_NAMES, type Level, type TemplateDefinition } from '@cascade/workflow';
import { errorMessage, serverIssues } from '../../app/errors';
import { usePrincipal } from '../../app/PrincipalContext';
import { canActOn, grantsOf, reaches } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { checkTemplate, type PublishedForm } from './checkTemplate';
import { IssueContext, isShown, issueView } from './editorIssues';
import { fieldForIssue, mergePlaced, placeIssues } from './issuePaths';
import { MachineDiagram } from './MachineDiagram';
import { TemplateEditor } from './TemplateEditor';
import { TEMPLATE_FIELDS, valuesToDefinition, type TemplateValues } from './templateValues';

export type Owner = { id: string; name: string; level: string; path: string };

export type WorkbenchSetup = {
  owner: Owner;
  initialValues: TemplateValues;
  derivedFromId: string | null;
  /** The stored version being shown; absent for a template not saved yet. */
  version?: { id: string; key: string; version: number; publishedAt: string | null };
};

const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Whether a server issue's input is among those just edited, so its message can go. */
function editedAway(issue: FieldIssue, paths: readonly string[]): boolean {
  const path = issue.path.startsWith('definition.') ? issue.path.slice(11) : issue.path;
  const field = fieldForIssue(path, TEMPLATE_FIELDS);
  return field !== null && paths.some((p) => related(p, field));
}

function Workbench({ setup, forms, parent }: { setup: WorkbenchSetup; forms: readonly PublishedForm[]; parent: TemplateDefinition | undefined }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const { message } = App.useApp();
  const [form] = Form.useForm<TemplateValues>();
  const [values, setValues] = useState(setup.initialValues);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [showAll, setShowAll] = useState(setup.version !== undefined);
  const [refused, setRefused] = useState<FieldIssue[]>([]);
  const { owner, version } = setup;
  const published = Boolean(version?.publishedAt);
  const mayEdit = canActOn(principal, owner.path, 'admin');
  const check = useMemo(() => checkTemplate(values, { forms, parent, ownerLevel: owner.level as Level }), [values, forms, parent, owner.level]);
  const placed = useMemo(() => mergePlaced(placeIssues(check.issues, TEMPLATE_FIELDS), placeIssues(refused, TEMPLATE_FIELDS, 'definition.')), [check.issues, refused]);
  const view = useMemo(() => issueView(placed, touched, showAll, text), [placed, touched, showAll, text]);
  const dirty = useMemo(() => JSON.stringify(valuesToDefinition(values)) !== JSON.stringify(valuesToDefinition(setup.initialValues)), [values, setup.initialValues]);
  const invalidate = () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.templates.list.pathKey() }), queryClient.invalidateQueries({ queryKey: trpc.templates.get.pathKey() })]);

  const onRefused = (error: unknown) => {
    setShowAll(true);
    setRefused(serverIssues(error));
  };
  const save = useMutation(
    trpc.templates.saveDraft.mutationOptions({
      onSuccess: async (saved) => {
        await invalidate();
        message.success(t('templatesSaved', { version: saved.version }));
        navigate(`/templates/${saved.id}`);
      },
      onError: onRefused,
    }),
  );
  const publish = useMutation(
    trpc.templates.publish.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        message.success(t('templatesPublished'));
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
    save.mutate({ ownerUnitId: owner.id, definition: valuesToDefinition(values), derivedFromId: setup.derivedFromId });
  };
  const onTouched = useCallback((paths: string[]) => {
    setTouched((prev) => new Set([...prev, ...paths]));
    setRefused((prev) => (prev.some((i) => editedAway(i, paths)) ? prev.filter((i) => !editedAway(i, paths)) : prev));
  }, []);

  // A unit below the owner may set up its own chain from a published template.
  const deriveUnit = grantsOf(principal, 'admin').find((g) => reaches(owner.path, g.path) && g.path !== owner.path);
  const issuing = grantsOf(principal, 'admin').some((g) => g.level === values.chain[0]);
  const failure = save.error ?? publish.error;
  const shownGeneral = placed.general.filter((i) => isShown(i, i.path, touched, showAll));
  const errorCount = check.issues.length;
  return (
    <IssueContext.Provider value={view}>
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap align="center">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {text({ zh: values.name?.zh || t('templatesUntitled'), en: values.name?.en || t('templatesUntitled') })}
              </Typography.Title>
              {version ? <Tag>{t('templatesVersionN', { n: version.version })}</Tag> : <Tag>{t('templatesNotSaved')}</Tag>}
              {version && <Tag color={published ? 'green' : 'gold'}>{published ? t('templatesStatusPublished') : t('templatesStatusDraft')}</Tag>}
              {setup.derivedFromId && <Tag color="purple">{t('templatesDerived')}</Tag>}
              <Typography.Text type="secondary">
                {t('templatesOwnerAt', { name: owner.name, level: text(LEVEL_NAMES[owner.level as Level] ?? { zh: owner.level, en: owner.level }) })}
              </Typography.Text>
            </Space>
            {!published && mayEdit && (
              <Space wrap>
                <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={onSave}>
                  {t('templatesSaveDraft')}
                </Button>
                {version && (
                  <Tooltip title={dirty ? t('templatesSaveBeforePublish') : undefined}>
                    <Button icon={<CloudUploadOutlined />} disabled={dirty || !check.ok} loading={publish.isPending} onClick={() => publish.mutate({ templateVersionId: version.id })}>
                      {t('templatesPublish')}
                    </Button>
                  </Tooltip>
                )}
                <Typography.Text type={errorCount ? 'danger' : 'success'} data-testid="template-check" role="status">
                  {errorCount ? t('templatesIssueCount', { n: errorCount }) : t('templatesValid')}
                </Typography.Text>
              </Space>
            )}
            {published && version && (
              <Space wrap>
                <Typography.Text type="secondary">{t('templatesReadOnly')}</Typography.Text>
                {issuing && (
                  <Button type="primary" icon={<SendOutlined />} onClick={() => navigate(`/directives/new?template=${version.id}`)}>
                    {t('templatesIssueDirective')}
                  </Button>
                )}
                {mayEdit && (
                  <Button icon={<CopyOutlined />} onClick={() => navigate(`/templates/new?unit=${owner.id}&from=${version.id}&mode=version`)}>
                    {t('templatesNewVersion')}
                  </Button>
                )}
                {deriveUnit && (
                  <Button icon={<BranchesOutlined />} onClick={() => navigate(`/templates/new?unit=${deriveUnit.orgUnitId}&from=${version.id}&mode=derive`)}>
                    {t('templatesDerive')}
                  </Button>
                )}
              </Space>
            )}
          </Space>
        </Card>
        {failure && <Alert type="error" showIcon message={t('templatesRefused')} description={errorMessage(failure, text)} />}
        {shownGeneral.length > 0 && (
          <Alert type="warning" showIcon message={t('templatesGeneralIssues')} description={shownGeneral.map((i) => text(i.message)).join(';')} />
        )}
        <TemplateEditor form={form} initialValues={setup.initialValues} values={values} forms={forms} disabled={published || !mayEdit} onValuesChange={setValues} onTouched={onTouched} />
        <Card size="small" title={t('templatesDiagram')}>
          <MachineDiagram definition={check.ok ? check.definition : null} />
        </Card>
      </Space>
    </IssueContext.Provider>
  );
}

/** The editor with what it needs loaded: the forms the owner may use, and the parent template when
 * this one derives from another (a derived template may only tighten its parent). */
export function TemplateWorkbench({ setup }: { setup: WorkbenchSetup }) {
  const trpc = useTRPC();
  const forms = useQuery(trpc.forms.list.queryOptions({ orgUnitId: setup.owner.id }));
  const parent = useQuery({ ...trpc.templates.get.queryOptions({ id: setup.derivedFromId ?? '' }), enabled: setup.derivedFromId !== null });
  if (setup.derivedFromId !== null && !parent.data) return <QueryState query={parent}>{() => null}</QueryState>;
  return <QueryState query={forms}>{(list) => <Workbench setup={setup} forms={list} parent={parent.data?.definition as TemplateDefinition | undefined} />}</QueryState>;
}
