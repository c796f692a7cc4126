import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useState, type ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { LocaleProvider, useLocale } from '../i18n/LocaleProvider';
import { createBrowserClient, TRPCProvider } from '../trpc';
import { createQueryClient, SESSION_QUERY_KEY } from './queryClient';

function AntdLocale({ children }: { children: ReactNode }) {
  const { lang } = useLocale();
  return (
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={{ token: { colorPrimary: '#c41d24' } }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

/** Routing, language, Ant Design locale and theme, TanStack Query and the tRPC client, once for the app. */
export function Providers({ children }: { children: ReactNode }) {
  const [trpcClient] = useState(() => createBrowserClient());
  const [queryClient] = useState(() => {
    const client = createQueryClient(() => void client.invalidateQueries({ queryKey: SESSION_QUERY_KEY }));
    return client;
  });
  return (
    <BrowserRouter>
      <LocaleProvider>
        <AntdLocale>
          <QueryClientProvider client={queryClient}>
            <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
              {children}
            </TRPCProvider>
          </QueryClientProvider>
        </AntdLocale>
      </LocaleProvider>
    </BrowserRouter>
  );
}
