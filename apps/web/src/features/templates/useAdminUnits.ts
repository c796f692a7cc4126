import { useQuery } from '@tanstack/react-query';
import type { Level } from '@cascade/workflow';
import { usePrincipal } from '../../app/PrincipalContext';
import { grantsOf } from '../../app/roles';
import { useTRPC } from '../../trpc';

export type AdminUnit = { id: string; name: string; code: string; level: Level; path: string };

/** The units the signed-in user is admin of, with their names (the grants carry ids and paths only). */
export function useAdminUnits() {
  const trpc = useTRPC();
  const principal = usePrincipal();
  const grants = grantsOf(principal, 'admin');
  const roots = useQuery({ ...trpc.orgUnits.roots.queryOptions(), staleTime: 5 * 60_000 });
  const units: AdminUnit[] = grants.map((g) => {
    const row = roots.data?.find((u) => u.id === g.orgUnitId);
    return { id: g.orgUnitId, name: row?.name ?? g.path.split('/').pop() ?? '', code: row?.code ?? g.path.split('/').pop() ?? '', level: g.level as Level, path: g.path };
  });
  return { units, query: roots };
}
