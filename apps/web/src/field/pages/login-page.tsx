// Login with the user's civgrid account. After it the app works offline as this user until the server
// ends the session; a session that ended while items waited brings the user back here, and the items are
// sent after the next login.
import { Button, Form, Input, NoticeBar } from 'antd-mobile';
import { useState } from 'react';
import { Navigate, useNavigate } from 'react-router';
import { ApiError } from '../../lib/api.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useSession } from '../session.tsx';

interface Fields {
  username?: string;
  password?: string;
}

export function LoginPage() {
  const { t, toggle } = useFieldI18n();
  const { user, expired, login } = useSession();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (user) return <Navigate to="/grid" replace />;

  const submit = async (values: Fields) => {
    setFailure(null);
    setBusy(true);
    try {
      await login(values.username?.trim() ?? '', values.password ?? '');
      navigate('/grid', { replace: true });
    } catch (error) {
      setFailure(
        error instanceof ApiError && !error.isNetwork && error.message
          ? error.message
          : t('field.login.network'),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="field-login" data-testid="field-login">
      <div className="field-login-brand">
        <img src="/field/icon.svg" alt="" width={64} height={64} />
        <h1>{t('field.app.name')}</h1>
        <p>{t('field.login.subtitle')}</p>
      </div>
      {expired && <NoticeBar color="alert" wrap content={t('field.login.expired')} />}
      {failure && <NoticeBar color="error" wrap content={failure} data-testid="field-login-error" />}
      <Form
        layout="horizontal"
        onFinish={submit}
        footer={
          <Button
            block
            type="submit"
            color="primary"
            size="large"
            loading={busy}
            data-testid="field-login-submit"
          >
            {t('field.login.submit')}
          </Button>
        }
      >
        <Form.Item
          name="username"
          label={t('field.login.username')}
          rules={[{ required: true, message: t('field.login.username.required') }]}
        >
          <Input autoComplete="username" clearable data-testid="field-username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('field.login.password')}
          rules={[{ required: true, message: t('field.login.password.required') }]}
        >
          <Input type="password" autoComplete="current-password" clearable data-testid="field-password" />
        </Form.Item>
      </Form>
      <div className="field-login-foot">
        <button type="button" className="field-link" onClick={toggle}>
          {t('field.lang.switch')}
        </button>
      </div>
    </div>
  );
}
