// Ant Design follows the UI language (its own texts: pagination, pickers, empty states).
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { ReactNode } from 'react';
import { useLang } from '../i18n/i18n-provider.tsx';

const ANTD_LOCALE = { 'zh-CN': zhCN, en: enUS } as const;

export function AntdConfig({ children }: { children: ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={ANTD_LOCALE[lang]}
      theme={{ token: { colorPrimary: '#1458c8', borderRadius: 4 } }}
    >
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}
