// The top bar: product name, who is signed in (name, role, jurisdiction), language and logout.
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n-provider.tsx';
import { LiveAlertBell } from '../pages/watchlist/live-alert-bell.tsx';
import { useSession, useUser } from '../session/session-provider.tsx';
import { LangSwitch } from './lang-switch.tsx';

export function AppHeader() {
  const t = useT();
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();

  const onLogout = async () => {
    await logout().catch(() => undefined);
    navigate('/login', { replace: true });
  };

  return (
    <Layout.Header
      style={{
        background: '#fff',
        padding: '0 24px',
        borderBottom: '1px solid #f0f0f0',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        gap: 16,
      }}
    >
      <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }} data-testid="app-title">
        {t('app.name')}
      </Typography.Title>
      <Flex align="center" gap={12} style={{ minWidth: 0 }}>
        <Space size={8} data-testid="current-user" style={{ whiteSpace: 'nowrap' }}>
          <UserOutlined />
          <Typography.Text strong>{user.displayName}</Typography.Text>
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            {t(`role.${user.role}`)}
          </Tag>
          <Typography.Text type="secondary">{t('header.scope', { name: user.scope.name })}</Typography.Text>
        </Space>
        <LiveAlertBell />
        <LangSwitch />
        <Button type="text" icon={<LogoutOutlined />} onClick={onLogout} data-testid="logout">
          {t('header.logout')}
        </Button>
      </Flex>
    </Layout.Header>
  );
}
