import { useQueries } from '@tanstack/react-query';
import { Button, Space, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useState, type ReactNode } from 'react';
import { LEVEL_NAMES, type OrgLevel } from '@cascade/workflow';
import { errorMessage } from '../../app/errors';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';
import { receiptStanding, stateColour, type ReceiptRow } from './cascadeState';
import { ReceiptStateTag } from './ReceiptStateTag';

/** Past this many loaded rows the tree renders only what is on screen. */
const VIRTUAL_FROM = 300;

const COLOUR_HEX: Record<string, string> = { blue: '#1677ff', cyan: '#13c2c2', purple: '#722ed1', green: '#52c41a', default: '#bfbfbf' };

function NodeTitle({ row }: { row: ReceiptRow }) {
  const { text } = useLocale();
  const standing = receiptStanding(row);
  return (
    <span data-testid="cascade-node" data-unit={row.unit.name} data-code={row.unit.code} data-state={row.state} data-overdue={standing.overdue ? 'true' : undefined}>
      <Space size={6} wrap>
        <span aria-hidden style={{ display: 'inline-block', width: 4, height: 16, borderRadius: 2, verticalAlign: 'middle', background: standing.overdue ? '#cf1322' : COLOUR_HEX[stateColour(row.state)] }} />
        <Typography.Text strong={standing.overdue}>{row.unit.name}</Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {text(LEVEL_NAMES[row.unit.level as OrgLevel] ?? { zh: row.unit.level, en: row.unit.level })}
        </Typography.Text>
        <ReceiptStateTag standing={standing} />
      </Space>
    </span>
  );
}

/**
 * The cascade as a tree: the issuing unit at the root, each level's receipts below the receipt that
 * forwarded them, fetched one level at a time as the reader expands (only forwarded receipts have
 * children). The lists are ordinary cached queries, so live changes patch and refetch them.
 */
export function CascadeTree({ directiveId, rootTitle, selectedId, onSelect }: { directiveId: string; rootTitle: ReactNode; selectedId: string | null; onSelect: (row: ReceiptRow | null) => void }) {
  const { t, text } = useLocale();
  const trpc = useTRPC();
  const [expanded, setExpanded] = useState<string[]>([directiveId]);
  const lists = useQueries({ queries: expanded.map((parentId) => trpc.directives.receipts.queryOptions({ directiveId, parentId })) });
  const byParent = new Map(expanded.map((id, i) => [id, lists[i]]));
  const rows = new Map<string, ReceiptRow>();
  let loaded = 0;

  const placeholder = (key: string, title: ReactNode): DataNode => ({ key, title, isLeaf: true, selectable: false });
  const children = (parentId: string): DataNode[] | undefined => {
    const query = byParent.get(parentId);
    if (!query) return undefined;
    if (query.isPending) {
      return [
        placeholder(
          `${parentId}:loading`,
          <Space size={6}>
            <Spin size="small" />
            {t('directivesLoadingChildren')}
          </Space>,
        ),
      ];
    }
    if (query.isError) {
      return [
        placeholder(
          `${parentId}:error`,
          <Space size={6} wrap>
            <Typography.Text type="danger">{errorMessage(query.error, text)}</Typography.Text>
            <Button size="small" onClick={() => void query.refetch()}>
              {t('retry')}
            </Button>
          </Space>,
        ),
      ];
    }
    if (query.data.length === 0) return [placeholder(`${parentId}:empty`, <Typography.Text type="secondary">{t('directivesNoChildren')}</Typography.Text>)];
    loaded += query.data.length;
    return query.data.map((row) => {
      rows.set(row.id, row);
      return { key: row.id, title: <NodeTitle row={row} />, isLeaf: row.state !== 'forwarded', children: children(row.id) };
    });
  };
  const treeData: DataNode[] = [{ key: directiveId, title: rootTitle, isLeaf: false, children: children(directiveId) }];

  return (
    <Tree
      aria-label={t('directivesTreeLabel')}
      treeData={treeData}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys.map(String))}
      selectedKeys={selectedId ? [selectedId] : []}
      onSelect={(keys) => onSelect(rows.get(String(keys[0])) ?? null)}
      showLine
      blockNode
      {...(loaded > VIRTUAL_FROM ? { height: 640 } : { virtual: false })}
    />
  );
}
