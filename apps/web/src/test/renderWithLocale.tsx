import { render } from '@testing-library/react';
import { ConfigProvider } from 'antd';
import type { ReactElement } from 'react';
import { LocaleProvider } from '../i18n/LocaleProvider';
import type { Lang } from '../i18n/messages';

/** Renders a component in one language, without the network providers; animations off, so
 * messages leave the DOM when they go (jsdom never ends a CSS transition). */
export function renderWithLocale(ui: ReactElement, lang: Lang = 'zh') {
  return render(
    <ConfigProvider theme={{ token: { motion: false } }}>
      <LocaleProvider lang={lang}>{ui}</LocaleProvider>
    </ConfigProvider>,
  );
}
