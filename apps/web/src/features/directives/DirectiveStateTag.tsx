import { Tag } from 'antd';
import { useLocale } from '../../i18n/LocaleProvider';

/** A directive is in force (issued) until its issuer closes it. */
export function DirectiveStateTag({ state }: { state: string }) {
  const { t } = useLocale();
  if (state === 'issued') return <Tag color="processing">{t('directivesState_issued')}</Tag>;
  if (state === 'closed') return <Tag>{t('directivesState_closed')}</Tag>;
  return <Tag>{state}</Tag>;
}
