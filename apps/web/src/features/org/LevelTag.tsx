import { Tag } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import { levelName } from './orgTree';

const COLORS: Record<string, string> = { province: 'red', city: 'volcano', county: 'orange', township: 'gold', village: 'green', grid: 'blue', household: 'default' };

/** A unit's level, coloured the same everywhere so levels can be told apart at a glance. */
export function LevelTag({ level }: { level: string }) {
  const { text } = useLocale();
  return (
    <Tag color={COLORS[level] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {text(levelName(level))}
    </Tag>
  );
}
