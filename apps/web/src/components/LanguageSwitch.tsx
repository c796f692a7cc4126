import { Segmented } from 'antd';
import { useLocale } from '../i18n/LocaleProvider';
import type { Lang } from '../i18n/messages';

export function LanguageSwitch() {
  const { lang, setLang, t } = useLocale();
  return (
    <Segmented<Lang>
      size="small"
      aria-label={t('language')}
      value={lang}
      onChange={setLang}
      options={[
        { value: 'zh', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
