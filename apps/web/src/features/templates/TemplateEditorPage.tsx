import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import type { TemplateDefinition } from '@cascade/workflow';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { TemplateWorkbench } from './TemplateWorkbench';
import { definitionToValues } from './templateValues';

/** One stored template version: a draft to edit and publish, or a published one to read, issue
 * from, copy into a new version or derive from. */
export function TemplateEditorPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const navigate = useNavigate();
  const trpc = useTRPC();
  const query = useQuery(trpc.templates.get.queryOptions({ id }));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => navigate('/templates')} style={{ paddingInline: 0 }}>
        {t('templatesBackToList')}
      </Button>
      <QueryState query={query}>
        {(row) => (
          <TemplateWorkbench
            key={row.id}
            setup={{
              owner: row.owner,
              initialValues: definitionToValues(row.definition as TemplateDefinition),
              derivedFromId: row.derivedFromId,
              version: { id: row.id, key: row.key, version: row.version, publishedAt: row.publishedAt },
            }}
          />
        )}
      </QueryState>
    </Space>
  );
}
