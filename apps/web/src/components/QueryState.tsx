import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../app/errors';
import { useLocale } from '../i18n/LocaleProvider';

type Query<T> = { isPending: boolean; isError: boolean; error: unknown; data: T | undefined; refetch: () => unknown };

/** Loading, error and empty states for one query, so every page shows them the same way. */
export function QueryState<T>({ query, isEmpty, emptyText, children }: { query: Query<T>; isEmpty?: (data: T) => boolean; emptyText?: string; children: (data: T) => ReactNode }) {
  const { t, text } = useLocale();
  if (query.isPending) {
    return (
      <div style={{ padding: 48, textAlign: 'center' }} role="status">
        <Spin tip={t('loading')}>
          <div style={{ minHeight: 40 }} />
        </Spin>
      </div>
    );
  }
  if (query.isError || query.data === undefined) {
    return (
      <Result
        status="error"
        title={t('loadFailed')}
        subTitle={errorMessage(query.error, text)}
        extra={<Button onClick={() => query.refetch()}>{t('retry')}</Button>}
      />
    );
  }
  if (isEmpty?.(query.data)) return <Empty description={emptyText ?? t('empty')} />;
  return <>{children(query.data)}</>;
}
