import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, List, Space, Typography } from 'antd';
import { formatDateTime } from '../../app/formatDate';
import { useNavigate } from 'react-router';
import { QueryState } from '../../components/QueryState';
import { notificationText, taskOf } from './notificationText';
import { useLocale } from '../../i18n/LocaleProvider';
import { useTRPC } from '../../trpc';

/** The user's inbox, newest first; unread ones bold, each can be marked read, or all at once; one
 * about a task opens it (and counts as read). */
export function NotificationsPage() {
  const { t, lang } = useLocale();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.notifications.list.queryOptions({ limit: 100 }), refetchInterval: 30_000 });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.pathKey() }),
    }),
  );
  const unread = query.data?.filter((n) => !n.readAt).length ?? 0;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={3}>{t('navNotifications')}</Typography.Title>
        <Button disabled={unread === 0} loading={markRead.isPending && markRead.variables?.ids === 'all'} onClick={() => markRead.mutate({ ids: 'all' })}>
          {t('markAllRead')}
        </Button>
      </Space>
      <QueryState query={query} isEmpty={(list) => list.length === 0} emptyText={t('notificationsNone')}>
        {(list) => (
          <List
            bordered
            dataSource={list}
            renderItem={(n) => (
              <List.Item
                key={n.id}
                actions={n.readAt ? [] : [<Button key="read" size="small" type="link" onClick={() => markRead.mutate({ ids: [n.id] })}>{t('markRead')}</Button>]}
              >
                <List.Item.Meta
                  avatar={<Badge status={n.readAt ? 'default' : 'processing'} />}
                  title={
                    taskOf(n) ? (
                      <Typography.Link
                        strong={!n.readAt}
                        onClick={() => {
                          if (!n.readAt) markRead.mutate({ ids: [n.id] });
                          navigate(`/tasks/${taskOf(n)}`);
                        }}
                      >
                        {notificationText(n, lang)}
                      </Typography.Link>
                    ) : (
                      <Typography.Text strong={!n.readAt}>{notificationText(n, lang)}</Typography.Text>
                    )
                  }
                  description={`${formatDateTime(n.createdAt, lang)} · ${n.readAt ? t('read') : t('unread')}`}
                />
              </List.Item>
            )}
          />
        )}
      </QueryState>
    </>
  );
}
