import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { distinctPeople, isLookupCandidate } from './people';

type Props = { id?: string; scopeUnitId: string | undefined; value?: string; onChange?: (userId: string) => void };

/**
 * Chooses a person: anyone holding a role in the admin's area, or, by typing a whole username,
 * someone from elsewhere (a cadre sent down from another office).
 */
export function PersonPicker({ id, scopeUnitId, value, onChange }: Props) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const [typed, setTyped] = useState('');
  const [lookupName, setLookupName] = useState('');
  const people = useQuery({ ...trpc.people.list.queryOptions({ orgUnitId: scopeUnitId ?? '' }), enabled: Boolean(scopeUnitId) });
  const known = useMemo(() => distinctPeople(people.data ?? []), [people.data]);
  // Look a username up once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setLookupName(isLookupCandidate(typed, known) ? typed.trim() : ''), 300);
    return () => clearTimeout(timer);
  }, [typed, known]);
  const lookup = useQuery({ ...trpc.people.lookup.queryOptions({ username: lookupName }), enabled: lookupName.length > 0 });
  const [found, setFound] = useState<{ id: string; username: string; displayName: string } | null>(null);
  useEffect(() => {
    if (lookup.data) setFound(lookup.data);
  }, [lookup.data]);

  const options = [
    ...known.map((p) => ({ value: p.userId, label: `${p.displayName}(${p.username})` })),
    ...(found && !known.some((p) => p.userId === found.id) ? [{ value: found.id, label: `${found.displayName}(${found.username})· ${t('orgFoundByUsername')}` }] : []),
  ];
  return (
    <Select
      id={id}
      showSearch
      value={value}
      onChange={onChange}
      onSearch={setTyped}
      placeholder={t('orgChoosePerson')}
      loading={people.isPending || lookup.isFetching}
      options={options}
      optionFilterProp="label"
      filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.trim().toLowerCase()) || option?.value === found?.id}
      notFoundContent={null}
    />
  );
}
