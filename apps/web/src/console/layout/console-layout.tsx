// The frame of every signed-in page: the menu the user's permissions allow on the left, the header on top.
import { Layout, Menu, type MenuProps, Typography } from 'antd';
import { createElement, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n-provider.tsx';
import { NAV_GROUPS, type NavGroup, navFor, navItemOf } from '../nav.ts';
import { useUser } from '../session/session-provider.tsx';
import { AppHeader } from './app-header.tsx';
import { FullPageSpin } from './full-page-spin.tsx';

type MenuItem = NonNullable<MenuProps['items']>[number] & { children?: MenuItem[] };

export function ConsoleLayout() {
  const t = useT();
  const user = useUser();
  const location = useLocation();
  const navigate = useNavigate();
  const [collapsed, setCollapsed] = useState(false);

  // Items of one group become one sub-menu, placed where the group's first item stands.
  const items: MenuItem[] = [];
  const groups = new Map<NavGroup, MenuItem[]>();
  for (const item of navFor(user)) {
    const entry: MenuItem = { key: item.path, icon: createElement(item.icon), label: t(item.label) };
    if (!item.group) {
      items.push(entry);
      continue;
    }
    let children = groups.get(item.group);
    if (!children) {
      children = [];
      groups.set(item.group, children);
      const group = NAV_GROUPS[item.group];
      items.push({
        key: `group:${item.group}`,
        icon: createElement(group.icon),
        label: t(group.label),
        children,
      });
    }
    children.push(entry);
  }
  const selected = navItemOf(location.pathname)?.path;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={208}>
        <div
          style={{
            height: 64,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            borderBottom: '1px solid rgba(255,255,255,0.08)',
          }}
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: collapsed ? 14 : 20, letterSpacing: 1 }}>
            {t('app.shortName')}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={selected ? [selected] : []}
          defaultOpenKeys={[...groups.keys()].map((group) => `group:${group}`)}
          items={items}
          onClick={({ key }) => navigate(key)}
          data-testid="side-menu"
        />
      </Layout.Sider>
      <Layout>
        <AppHeader />
        <Layout.Content className="console-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
