import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LocalizedText } from '@cascade/forms';
import { messages, type Lang, type MessageKey } from './messages';

export type Locale = {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A shell string, with `{name}` placeholders filled in. */
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  /** A bilingual text from the server or a form definition, in the current language. */
  text: (value: LocalizedText) => string;
};

const STORAGE_KEY = 'cascade.lang';
const LocaleContext = createContext<Locale | null>(null);

function initialLang(): Lang {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function LocaleProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  }, []);
  const value = useMemo<Locale>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => Object.entries(vars ?? {}).reduce((s, [k, v]) => s.replaceAll(`{${k}}`, String(v)), messages[lang][key]),
      text: (v) => v[lang] || v.zh,
    }),
    [lang, setLang],
  );
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  const locale = useContext(LocaleContext);
  if (!locale) throw new Error('useLocale needs a LocaleProvider');
  return locale;
}
