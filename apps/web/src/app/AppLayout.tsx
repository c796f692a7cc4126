import { BellOutlined, HomeOutlined, LogoutOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { navItems, type Principal } from './roles';
import { navigate, usePath } from './router';

const ICONS: Record<string, ReactNode> = { '/': <HomeOutlined />, '/tasks': <UnorderedListOutlined />, '/notifications': <BellOutlined /> };

function selectedPath(path: string): string {
  if (path.startsWith('/tasks')) return '/tasks';
  if (path.startsWith('/notifications')) return '/notifications';
  return '/';
}

/** Header with the principal's navigation (a bottom tab bar on phones), language and sign-out. */
export function AppLayout({ principal, children }: { principal: Principal; children: ReactNode }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const path = usePath();
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 30_000 });
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: () => queryClient.resetQueries() }));
  const items = navItems(principal).map((item) => ({
    key: item.path,
    icon: item.path === '/notifications' ? <Badge count={unread.data ?? 0} size="small" offset={[4, -2]}>{ICONS[item.path]}</Badge> : ICONS[item.path],
    label: t(item.label),
  }));
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: phone ? 12 : 24, background: '#fff', borderBottom: '1px solid #f0f0f0' }}>
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          cascade
        </Typography.Text>
        {!phone && <Menu mode="horizontal" selectedKeys={[selectedPath(path)]} items={items} onClick={(e) => navigate(e.key)} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />}
        <Space style={{ marginInlineStart: 'auto' }} size={phone ? 4 : 12}>
          <LanguageSwitch />
          {!phone && <Typography.Text type="secondary">{principal.displayName}</Typography.Text>}
          <Button icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()} aria-label={t('logout')}>
            {phone ? null : t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: phone ? '12px 12px 72px' : 24, maxWidth: 960, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
      {phone && (
        <nav style={{ position: 'fixed', bottom: 0, left: 0, right: 0, display: 'flex', background: '#fff', borderTop: '1px solid #f0f0f0', zIndex: 10 }}>
          {items.map((item) => (
            <Button key={item.key} type="text" onClick={() => navigate(item.key)} style={{ flex: 1, height: 56, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2, color: selectedPath(path) === item.key ? '#c41d24' : undefined }}>
              {item.icon}
              <span style={{ fontSize: 12 }}>{item.label}</span>
            </Button>
          ))}
        </nav>
      )}
    </Layout>
  );
}
