// Sign-in. Every failure reads the same (wrong name, wrong password or locked), as the server answers.
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import type { TSessionUser } from '@civgrid/contracts';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useT } from '../../i18n/i18n-provider.tsx';
import { ApiError } from '../../lib/api.ts';
import { describeError } from '../../lib/describe-error.ts';
import { LangSwitch } from '../layout/lang-switch.tsx';
import { landingPath, mayOpen } from '../nav.ts';
import type { LoginRedirectState } from '../session/require-auth.tsx';
import { useSession } from '../session/session-provider.tsx';
import { DemoAccounts } from './demo-accounts.tsx';

interface LoginForm {
  username: string;
  password: string;
}

export function LoginPage() {
  const t = useT();
  const { user, config, expired, login } = useSession();
  const from = (useLocation().state as LoginRedirectState | null)?.from;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Back to the page the session ended on, if this user may open it; else their first page.
  const targetFor = (signedIn: TSessionUser) =>
    (from && mayOpen(signedIn, from.split('?')[0] ?? '') ? from : landingPath(signedIn)) ?? '/';

  // Also the way out after a successful login: the session update re-renders this page first.
  if (user) return <Navigate to={targetFor(user)} replace />;

  const onFinish = async ({ username, password }: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(username, password);
    } catch (reason) {
      setError(
        reason instanceof ApiError && reason.status === 401 ? t('login.failed') : describeError(reason, t),
      );
      setSubmitting(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(160deg, #001529 0%, #0a3d7a 100%)' }}
    >
      <Flex justify="flex-end" style={{ position: 'absolute', top: 16, right: 24 }}>
        <LangSwitch light />
      </Flex>
      <Typography.Title level={2} style={{ color: '#fff', marginBottom: 24 }}>
        {t('app.name')}
      </Typography.Title>
      <Card style={{ width: 400, maxWidth: 'calc(100vw - 32px)' }} title={t('login.title')}>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {expired && <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />
        )}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={submitting}>
          <Form.Item
            name="username"
            label={t('login.username')}
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        {config?.mode === 'demo' && <DemoAccounts />}
      </Card>
      {config && (
        <Typography.Text style={{ color: 'rgba(255,255,255,0.45)', marginTop: 24 }}>
          {t('app.shortName')} {config.version}
        </Typography.Text>
      )}
    </Flex>
  );
}
