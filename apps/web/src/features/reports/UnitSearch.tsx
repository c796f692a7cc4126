import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { levelKey } from './rollupView';

/** Jump to any unit the reader may see by name or code, rather than drilling down level by level. */
export function UnitSearch({ id, onPick }: { id: string; onPick: (unitId: string) => void }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  const found = useQuery({ ...trpc.orgUnits.search.queryOptions({ query: query.trim(), limit: 20 }), enabled: query.trim().length > 0 });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      value={null}
      placeholder={t('reportsFindUnit')}
      filterOption={false}
      onSearch={setQuery}
      loading={found.isFetching}
      notFoundContent={query.trim() ? t('empty') : null}
      onChange={(value: string | null) => value && onPick(value)}
      options={(found.data ?? []).map((u) => {
        const key = levelKey(u.level);
        return { value: u.id, label: `${u.name}(${key ? t(key) : u.level} ${u.code})` };
      })}
      style={{ minWidth: 220, width: '100%' }}
    />
  );
}
