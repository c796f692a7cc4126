import { Tag } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';
import { zh, type MessageKey } from '../../i18n/messages';

const COLOR: Record<string, string> = { open: 'blue', overdue: 'red', returned: 'orange', submitted: 'cyan', accepted: 'green', inProgress: 'blue', completed: 'green', closed: 'default' };

export function TaskStateTag({ state }: { state: string }) {
  const { t } = useLocale();
  const key = `state_${state}`;
  return <Tag color={COLOR[state] ?? 'default'}>{key in zh ? t(key as MessageKey) : state}</Tag>;
}
