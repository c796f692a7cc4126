import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Space } from 'antd';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { FormDefinition } from '@cascade/forms';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { FormWorkbench } from './FormWorkbench';
import { blankFormValues, formToValues } from './formValues';
import { useAdminUnits } from './useAdminUnits';

function Back() {
  const { t } = useLocale();
  const navigate = useNavigate();
  return (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/templates?tab=forms')} style={{ paddingInline: 0 }}>
      {t('templatesBackToList')}
    </Button>
  );
}

/** One stored form version: a draft to edit and publish, or a published one to read or copy. */
export function FormBuilderPage() {
  const { id = '' } = useParams();
  const trpc = useTRPC();
  const query = useQuery(trpc.forms.get.queryOptions({ id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Back />
      <QueryState query={query}>
        {(row) => (
          <FormWorkbench
            key={row.id}
            setup={{ owner: row.owner, initialValues: formToValues(row.definition as FormDefinition), version: { id: row.id, key: row.key, version: row.version, publishedAt: row.publishedAt } }}
          />
        )}
      </QueryState>
    </Space>
  );
}

function FromForm({ from }: { from: string }) {
  const trpc = useTRPC();
  const source = useQuery(trpc.forms.get.queryOptions({ id: from }));
  return <QueryState query={source}>{(row) => <FormWorkbench key={`from:${from}`} setup={{ owner: row.owner, initialValues: formToValues(row.definition as FormDefinition) }} />}</QueryState>;
}

/** A form not saved yet: blank for one of the admin's units, or a new version of a stored one (`from`). */
export function NewFormPage() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const { units, query } = useAdminUnits();
  const unit = units.find((u) => u.id === params.get('unit')) ?? units[0];
  const from = params.get('from');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Back />
      <QueryState query={query}>
        {() => (!unit ? <Result status="403" title={t('templatesNoAdminUnit')} /> : from ? <FromForm from={from} /> : <FormWorkbench key={`new:${unit.id}`} setup={{ owner: unit, initialValues: blankFormValues() }} />)}
      </QueryState>
    </Space>
  );
}
