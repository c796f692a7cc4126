import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  FileDoneOutlined,
  HomeOutlined,
  InboxOutlined,
  LogoutOutlined,
  MenuOutlined,
  NodeIndexOutlined,
  SendOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLocale } from '../i18n/LocaleProvider';
import { useTRPC } from '../trpc';
import { navItems, selectedNav } from './nav';
import type { Principal } from './roles';

const ICONS: Record<string, ReactNode> = {
  '/': <HomeOutlined />,
  '/tasks': <UnorderedListOutlined />,
  '/received': <InboxOutlined />,
  '/directives': <SendOutlined />,
  '/reports': <BarChartOutlined />,
  '/evaluations': <TrophyOutlined />,
  '/templates': <NodeIndexOutlined />,
  '/org': <ApartmentOutlined />,
  '/audit': <AuditOutlined />,
  '/notifications': <BellOutlined />,
};

/** A tab bar fits this many entries on a 375 px phone; more go into a drawer. */
const TAB_BAR_MAX = 4;

/** The shell: the principal's menu (a side menu on wide screens; a tab bar or a drawer on phones),
 * language and sign-out. */
export function AppLayout({ principal, children }: { principal: Principal; children: ReactNode }) {
  const { t } = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const unread = useQuery({ ...trpc.notifications.unreadCount.queryOptions(), refetchInterval: 30_000 });
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: () => queryClient.resetQueries() }));
  const nav = navItems(principal);
  const selected = selectedNav(nav, pathname);
  const items = nav.map((item) => ({
    key: item.path,
    icon: item.path === '/notifications' ? <Badge count={unread.data ?? 0} size="small" offset={[4, -2]}>{ICONS[item.path]}</Badge> : ICONS[item.path],
    label: t(item.label),
  }));
  const tabBar = phone && items.length <= TAB_BAR_MAX;
  const go = (path: string) => {
    setDrawerOpen(false);
    navigate(path);
  };
  const menu = <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={(e) => go(e.key)} style={{ borderInlineEnd: 'none' }} />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!phone && (
        <Layout.Sider theme="light" width={200} breakpoint="lg" collapsedWidth={64} style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
          <div style={{ height: 56, display: 'flex', alignItems: 'center', paddingInline: 20 }}>
            <FileDoneOutlined style={{ color: '#c41d24', fontSize: 20, marginInlineEnd: 8 }} />
            <Typography.Text strong>cascade</Typography.Text>
          </div>
          <nav aria-label={t('mainMenu')}>{menu}</nav>
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 12, paddingInline: phone ? 12 : 24, background: '#fff', borderBottom: '1px solid #f0f0f0', height: 56, lineHeight: '56px' }}>
          {phone && !tabBar && <Button type="text" icon={<MenuOutlined />} aria-label={t('mainMenu')} onClick={() => setDrawerOpen(true)} />}
          {phone && <Typography.Text strong>cascade</Typography.Text>}
          <Space style={{ marginInlineStart: 'auto' }} size={phone ? 4 : 12}>
            <LanguageSwitch />
            {!phone && <Typography.Text type="secondary">{principal.displayName}</Typography.Text>}
            <Button icon={<LogoutOutlined />} loading={logout.isPending} onClick={() => logout.mutate()} aria-label={t('logout')}>
              {phone ? null : t('logout')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? `12px 12px ${tabBar ? 72 : 12}px` : 24, maxWidth: 1280, width: '100%', margin: '0 auto' }}>
          <main>{children}</main>
        </Layout.Content>
      </Layout>
      {phone && !tabBar && (
        <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} width={240} title={principal.displayName} styles={{ body: { padding: 0 } }}>
          <nav aria-label={t('mainMenu')}>{menu}</nav>
        </Drawer>
      )}
      {tabBar && (
        <nav aria-label={t('mainMenu')} style={{ position: 'fixed', bottom: 0, left: 0, right: 0, display: 'flex', background: '#fff', borderTop: '1px solid #f0f0f0', zIndex: 10 }}>
          {items.map((item) => (
            <Button
              key={item.key}
              type="text"
              aria-current={selected === item.key ? 'page' : undefined}
              onClick={() => go(item.key)}
              style={{ flex: 1, height: 56, display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 2, color: selected === item.key ? '#c41d24' : undefined }}
            >
              {item.icon}
              <span style={{ fontSize: 12 }}>{item.label}</span>
            </Button>
          ))}
        </nav>
      )}
    </Layout>
  );
}
