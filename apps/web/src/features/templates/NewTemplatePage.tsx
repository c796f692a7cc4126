import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Space } from 'antd';
import { useNavigate, useSearchParams } from 'react-router';
import type { TemplateDefinition } from '@cascade/workflow';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { TemplateWorkbench } from './TemplateWorkbench';
import { blankValues, definitionToValues, deriveValues } from './templateValues';
import { useAdminUnits, type AdminUnit } from './useAdminUnits';

function FromSource({ unit, from, mode }: { unit: AdminUnit; from: string; mode: 'version' | 'derive' }) {
  const trpc = useTRPC();
  const source = useQuery(trpc.templates.get.queryOptions({ id: from }));
  return (
    <QueryState query={source}>
      {(row) => {
        const definition = row.definition as TemplateDefinition;
        // A new version stays with its owner and keeps what it derives from; a derived one belongs
        // to the lower unit and names its parent.
        const setup =
          mode === 'version'
            ? { owner: row.owner, initialValues: definitionToValues(definition), derivedFromId: row.derivedFromId }
            : { owner: unit, initialValues: deriveValues(definition, unit), derivedFromId: row.id };
        return <TemplateWorkbench key={`${from}:${mode}`} setup={setup} />;
      }}
    </QueryState>
  );
}

/** A template not saved yet: blank for one of the admin's units, a new version of a published
 * one (`from`, `mode=version`), or a lower unit's own chain derived from a higher unit's (`mode=derive`). */
export function NewTemplatePage() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { units, query } = useAdminUnits();
  const unit = units.find((u) => u.id === params.get('unit')) ?? units[0];
  const from = params.get('from');
  const mode = params.get('mode') === 'derive' ? 'derive' : 'version';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/templates')} style={{ paddingInline: 0 }}>
        {t('templatesBackToList')}
      </Button>
      <QueryState query={query}>
        {() =>
          !unit ? (
            <Result status="403" title={t('templatesNoAdminUnit')} />
          ) : from ? (
            <FromSource unit={unit} from={from} mode={mode} />
          ) : (
            <TemplateWorkbench key={`new:${unit.id}`} setup={{ owner: unit, initialValues: blankValues(unit.level), derivedFromId: null }} />
          )
        }
      </QueryState>
    </Space>
  );
}
