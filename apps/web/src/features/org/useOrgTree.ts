import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTRPC } from '../../trpc';
import { revealPlan, rootNodes, withChildren, type OrgTreeNode, type OrgUnitSummary } from './orgTree';

/**
 * The lazily loaded org tree: roots first, children when a unit is opened (orgUnits.children), and
 * `reveal` to open the way down to any unit, e.g. a search hit or a unit named in the address.
 */
export function useOrgTree(roots: readonly OrgUnitSummary[] | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tree, setTree] = useState<OrgTreeNode[]>([]);
  const [expanded, setExpanded] = useState<string[]>([]);
  // reveal runs across awaits; it must plan from the tree as it is by then, not as it was rendered.
  const treeRef = useRef(tree);
  const expandedRef = useRef(expanded);
  treeRef.current = tree;
  expandedRef.current = expanded;

  useEffect(() => {
    if (roots) setTree(rootNodes(roots));
  }, [roots]);

  const loadChildren = useCallback(
    async (id: string) => {
      const children = await queryClient.fetchQuery(trpc.orgUnits.children.queryOptions({ id }));
      setTree((current) => withChildren(current, id, children));
    },
    [queryClient, trpc],
  );

  const reveal = useCallback(
    async (id: string) => {
      const chain = await queryClient.fetchQuery(trpc.orgUnits.ancestors.queryOptions({ id }));
      const plan = revealPlan(treeRef.current, chain, expandedRef.current);
      for (const parent of plan.load) await loadChildren(parent);
      setExpanded(plan.expand);
    },
    [queryClient, trpc, loadChildren],
  );

  return { tree, expanded, setExpanded, loadChildren, reveal };
}
