import { useQuery } from '@tanstack/react-query';
import { Card, Empty, Space, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useMemo } from 'react';
import { usePrincipal } from '../../app/PrincipalContext';
import { grantsOf } from '../../app/roles';
import { QueryState } from '../../components/QueryState';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { LevelTag } from './LevelTag';
import { OrgSearch } from './OrgSearch';
import type { OrgTreeNode } from './orgTree';
import { useOrgTree } from './useOrgTree';

function toDataNodes(nodes: readonly OrgTreeNode[]): TreeDataNode[] {
  return nodes.map((node) => ({
    key: node.key,
    isLeaf: node.isLeaf,
    title: (
      <Space size={6} wrap={false}>
        <span>{node.unit.name}</span>
        <LevelTag level={node.unit.level} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {node.unit.code}
        </Typography.Text>
      </Space>
    ),
    ...(node.children ? { children: toDataNodes(node.children) } : {}),
  }));
}

/** The admin's area as a tree, opened level by level, with search; the selected unit is `selectedId`. */
export function OrgTreePanel({ selectedId, onSelect }: { selectedId: string | undefined; onSelect: (unitId: string) => void }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const principal = usePrincipal();
  const roots = useQuery(trpc.orgUnits.roots.queryOptions());
  // The org screens are an admin's: the tree starts at the units they administer.
  const adminUnits = useMemo(() => {
    const ids = new Set(grantsOf(principal, 'admin').map((g) => g.orgUnitId));
    return roots.data?.filter((u) => ids.has(u.id));
  }, [roots.data, principal]);
  const { tree, expanded, setExpanded, loadChildren, reveal } = useOrgTree(adminUnits);
  const treeData = useMemo(() => toDataNodes(tree), [tree]);
  const ready = tree.length > 0;

  useEffect(() => {
    if (selectedId && ready) void reveal(selectedId);
    // Only a new selection (or the tree's first load) needs the way down opened.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [selectedId, ready]);

  return (
    <Card title={t('orgTree')} size="small">
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <OrgSearch onPick={onSelect} />
        <QueryState query={roots} isEmpty={() => (adminUnits ?? []).length === 0} emptyText={t('orgNoRoots')}>
          {() =>
            ready ? (
              <div style={{ overflowX: 'auto' }}>
                <Tree
                  aria-label={t('orgTree')}
                  treeData={treeData}
                  expandedKeys={expanded}
                  onExpand={(keys) => setExpanded(keys.map(String))}
                  loadData={(node) => loadChildren(String(node.key))}
                  selectedKeys={selectedId ? [selectedId] : []}
                  onSelect={(keys) => keys[0] && onSelect(String(keys[0]))}
                  blockNode
                />
              </div>
            ) : (
              <Empty description={t('orgNoRoots')} />
            )
          }
        </QueryState>
      </Space>
    </Card>
  );
}
