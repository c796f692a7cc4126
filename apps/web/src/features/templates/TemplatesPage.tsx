import { BranchesOutlined, CopyOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { FormDefinition } from '@cascade/forms';
import { LEVEL_NAMES, type Level, type TemplateDefinition } from '@cascade/workflow';
import { usePrincipal } from '../../app/PrincipalContext';
import { grantsOf } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC, type RouterOutputs } from '../../trpc';
import { groupVersions, type VersionGroup } from './groupVersions';
import { useAdminUnits, type AdminUnit } from './useAdminUnits';

type TemplateRow = RouterOutputs['templates']['list'][number];
type FormRow = RouterOutputs['forms']['list'][number];

function VersionTags<R extends { id: string; version: number; publishedAt: string | null }>({ versions, href }: { versions: readonly R[]; href: (id: string) => string }) {
  const { t } = useLocale();
  return (
    <Space size={4} wrap>
      {versions.map((v) => (
        <Link key={v.id} to={href(v.id)} aria-label={t('templatesOpenVersion', { n: v.version })}>
          <Tag color={v.publishedAt ? 'green' : 'gold'} style={{ cursor: 'pointer' }}>
            v{v.version} {v.publishedAt ? t('templatesStatusPublished') : t('templatesStatusDraft')}
          </Tag>
        </Link>
      ))}
    </Space>
  );
}

function OwnerCell({ own, name }: { own: boolean; name: string }) {
  const { t } = useLocale();
  return own ? <Tag color="blue">{t('templatesOwnUnit')}</Tag> : <Tag>{t('templatesInherited', { name })}</Tag>;
}

function TemplateTable({ unit, rows }: { unit: AdminUnit; rows: TemplateRow[] }) {
  const { t, text } = useLocale();
  const navigate = useNavigate();
  const principal = usePrincipal();
  const issuingLevels = new Set(grantsOf(principal, 'admin').map((g) => g.level));
  const groups = groupVersions(rows, unit.id);
  const def = (g: VersionGroup<TemplateRow>) => g.latest.definition as TemplateDefinition;
  return (
    <Table<VersionGroup<TemplateRow>>
      rowKey="key"
      dataSource={groups}
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('templatesNoTemplates') }}
      columns={[
        {
          title: t('templatesName'),
          key: 'name',
          render: (_, g) => (
            <Space direction="vertical" size={0}>
              <Link to={`/templates/${(g.own ? g.latest : (g.latestPublished ?? g.latest)).id}`}>{text(def(g).name)}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.key}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('templatesChain'), key: 'chain', render: (_, g) => def(g).chain.map((l) => text(LEVEL_NAMES[l as Level])).join(' → ') },
        { title: t('templatesVersions'), key: 'versions', render: (_, g) => <VersionTags versions={g.versions} href={(id) => `/templates/${id}`} /> },
        { title: t('templatesOwner'), key: 'owner', render: (_, g) => <OwnerCell own={g.own} name={g.latest.ownerName} /> },
        {
          title: t('templatesActions'),
          key: 'actions',
          render: (_, g) => {
            const published = g.latestPublished;
            const chain = (published?.definition as TemplateDefinition | undefined)?.chain;
            return (
              <Space wrap>
                {published && chain && issuingLevels.has(chain[0] as string) && (
                  <Button size="small" type="primary" icon={<SendOutlined />} onClick={() => navigate(`/directives/new?template=${published.id}`)}>
                    {t('templatesIssueDirective')}
                  </Button>
                )}
                {published && !g.own && (
                  <Button size="small" icon={<BranchesOutlined />} onClick={() => navigate(`/templates/new?unit=${unit.id}&from=${published.id}&mode=derive`)}>
                    {t('templatesDerive')}
                  </Button>
                )}
                {g.own && (
                  <Button size="small" icon={<CopyOutlined />} onClick={() => navigate(`/templates/new?unit=${unit.id}&from=${g.latest.id}&mode=version`)}>
                    {t('templatesNewVersion')}
                  </Button>
                )}
              </Space>
            );
          },
        },
      ]}
    />
  );
}

function FormTable({ unit, rows }: { unit: AdminUnit; rows: FormRow[] }) {
  const { t, text } = useLocale();
  const navigate = useNavigate();
  const groups = groupVersions(rows, unit.id);
  const def = (g: VersionGroup<FormRow>) => g.latest.definition as FormDefinition;
  return (
    <Table<VersionGroup<FormRow>>
      rowKey="key"
      dataSource={groups}
      pagination={false}
      scroll={{ x: 800 }}
      locale={{ emptyText: t('templatesNoForms') }}
      columns={[
        {
          title: t('templatesFormTitle'),
          key: 'title',
          render: (_, g) => (
            <Space direction="vertical" size={0}>
              <Link to={`/templates/forms/${(g.own ? g.latest : (g.latestPublished ?? g.latest)).id}`}>{text(def(g).title)}</Link>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.key}
              </Typography.Text>
            </Space>
          ),
        },
        { title: t('templatesFieldCount'), key: 'fields', render: (_, g) => def(g).fields.length },
        { title: t('templatesVersions'), key: 'versions', render: (_, g) => <VersionTags versions={g.versions} href={(id) => `/templates/forms/${id}`} /> },
        { title: t('templatesOwner'), key: 'owner', render: (_, g) => <OwnerCell own={g.own} name={g.latest.ownerName} /> },
        {
          title: t('templatesActions'),
          key: 'actions',
          render: (_, g) =>
            g.own && (
              <Button size="small" icon={<CopyOutlined />} onClick={() => navigate(`/templates/forms/new?unit=${unit.id}&from=${g.latest.id}`)}>
                {t('templatesNewVersion')}
              </Button>
            ),
        },
      ]}
    />
  );
}

function Lists({ unit, tab }: { unit: AdminUnit; tab: string }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [, setParams] = useSearchParams();
  const templates = useQuery(trpc.templates.list.queryOptions({ orgUnitId: unit.id }));
  const forms = useQuery(trpc.forms.list.queryOptions({ orgUnitId: unit.id }));
  return (
    <Tabs
      activeKey={tab}
      onChange={(key) => setParams((p) => ({ ...Object.fromEntries(p), tab: key }), { replace: true })}
      tabBarExtraContent={
        tab === 'forms' ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/templates/forms/new?unit=${unit.id}`)}>
            {t('templatesNewForm')}
          </Button>
        ) : (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/templates/new?unit=${unit.id}`)}>
            {t('templatesNewTemplate')}
          </Button>
        )
      }
      items={[
        { key: 'templates', label: t('templatesTabTemplates'), children: <QueryState query={templates}>{(rows) => <TemplateTable unit={unit} rows={rows} />}</QueryState> },
        { key: 'forms', label: t('templatesTabForms'), children: <QueryState query={forms}>{(rows) => <FormTable unit={unit} rows={rows} />}</QueryState> },
      ]}
    />
  );
}

/** Templates and forms the admin's unit can use: its own, and those of the units above it. */
export function TemplatesPage() {
  const { t, text } = useLocale();
  const [params, setParams] = useSearchParams();
  const { units, query } = useAdminUnits();
  const unit = units.find((u) => u.id === params.get('unit')) ?? units[0];
  const tab = params.get('tab') === 'forms' ? 'forms' : 'templates';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap align="center" style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('templatesTitle')}
        </Typography.Title>
        {units.length > 1 && (
          <Select
            aria-label={t('templatesUnit')}
            value={unit?.id}
            onChange={(id: string) => setParams({ unit: id, tab }, { replace: true })}
            options={units.map((u) => ({ value: u.id, label: t('templatesUnitOption', { name: u.name, level: text(LEVEL_NAMES[u.level]) }) }))}
            style={{ minWidth: 200 }}
          />
        )}
      </Space>
      <QueryState query={query} isEmpty={() => !unit} emptyText={t('templatesNoAdminUnit')}>
        {() => unit && <Lists unit={unit} tab={tab} />}
      </QueryState>
    </Space>
  );
}
