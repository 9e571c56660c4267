// Only in demo mode: the seeded accounts, so a visitor can try every role.
import { Alert } from 'antd';
import { useT } from '../../i18n/i18n-provider.tsx';

export function DemoAccounts() {
  const t = useT();
  return (
    <Alert
      type="info"
      style={{ marginTop: 16 }}
      title={t('login.demoTitle')}
      description={
        <>
          <div>{t('login.demoAccounts')}</div>
          <div>{t('login.demoPassword')}</div>
        </>
      }
      data-testid="demo-accounts"
    />
  );
}
