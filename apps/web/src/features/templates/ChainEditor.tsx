import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { LEVEL_NAMES, LEVELS, type Level } from '@cascade/workflow';
import { useLocale } from '../../i18n/LocaleProvider';
import { useIssues } from './editorIssues';
import { moveItem } from './listMoves';

type Props = { id?: string; value?: Level[]; onChange?: (chain: Level[]) => void; disabled?: boolean };

/** The levels a directive runs through, issuing level first: an ordered list moved with buttons
 * (reachable by keyboard, unlike dragging), each row with the issues about it. */
export function ChainEditor({ id, value = [], onChange, disabled }: Props) {
  const { t, text } = useLocale();
  const issues = useIssues();
  const [adding, setAdding] = useState<Level | undefined>();
  const unused = LEVELS.filter((l) => !value.includes(l));
  const set = (next: Level[]) => onChange?.(next);
  return (
    <div id={id}>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('templatesChain')} data-testid="chain-editor">
        {value.map((level, i) => {
          const name = text(LEVEL_NAMES[level]);
          const rowIssues = issues.at(`chain.${i}`);
          return (
            <li key={level} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`chain-${level}`}>
              <Space wrap>
                <Typography.Text type="secondary">{i + 1}.</Typography.Text>
                <Tag color={i === 0 ? 'red' : 'blue'}>{name}</Tag>
                {i === 0 && <Typography.Text type="secondary">{t('templatesIssuingLevel')}</Typography.Text>}
                {!disabled && (
                  <>
                    <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('templatesMoveUp', { name })} onClick={() => set(moveItem(value, i, i - 1))} />
                    <Button size="small" icon={<ArrowDownOutlined />} disabled={i === value.length - 1} aria-label={t('templatesMoveDown', { name })} onClick={() => set(moveItem(value, i, i + 1))} />
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('templatesRemoveLevel', { name })} onClick={() => set(value.filter((_, j) => j !== i))} />
                  </>
                )}
              </Space>
              {rowIssues.length > 0 && (
                <div role="alert" style={{ color: '#ff4d4f' }}>
                  {rowIssues.map((issue) => text(issue.message)).join(';')}
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!disabled && unused.length > 0 && (
        <Space style={{ marginTop: 8 }} wrap>
          <Select
            aria-label={t('templatesAddLevel')}
            placeholder={t('templatesAddLevel')}
            style={{ minWidth: 160 }}
            value={adding}
            onChange={setAdding}
            options={unused.map((l) => ({ value: l, label: text(LEVEL_NAMES[l]) }))}
          />
          <Button
            icon={<PlusOutlined />}
            disabled={!adding}
            onClick={() => {
              if (!adding) return;
              // A new level goes where its rank puts it; the buttons move it if the author means otherwise.
              const at = value.findIndex((l) => LEVELS.indexOf(l) > LEVELS.indexOf(adding));
              set(at < 0 ? [...value, adding] : [...value.slice(0, at), adding, ...value.slice(at)]);
              setAdding(undefined);
            }}
          >
            {t('templatesAdd')}
          </Button>
        </Space>
      )}
    </div>
  );
}
