import { useQuery } from '@tanstack/react-query';
import { Button, Input, List, Space, Typography } from 'antd';
import { useState } from 'react';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { LevelTag } from './LevelTag';

/** Find a unit by name or code within the user's area; choosing a hit opens it in the tree. */
export function OrgSearch({ onPick }: { onPick: (unitId: string) => void }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const search = useQuery({ ...trpc.orgUnits.search.queryOptions({ query, limit: 30 }), enabled: query.length > 0 });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        aria-label={t('orgSearchLabel')}
        placeholder={t('orgSearchPlaceholder')}
        allowClear
        enterButton
        onSearch={(value) => setQuery(value.trim())}
        onChange={(e) => e.target.value === '' && setQuery('')}
      />
      {query && (
        <section aria-label={t('orgSearchResults')}>
          <QueryState query={search} isEmpty={(units) => units.length === 0} emptyText={t('orgSearchNone')}>
            {(units) => (
              <List
                size="small"
                bordered
                dataSource={units}
                renderItem={(unit) => (
                  <List.Item key={unit.id} data-testid="org-search-hit">
                    <Space wrap size={[8, 0]}>
                      <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onPick(unit.id)}>
                        {unit.name}
                      </Button>
                      <LevelTag level={unit.level} />
                      <Typography.Text type="secondary">{unit.code}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </QueryState>
        </section>
      )}
    </Space>
  );
}
