import { BrowserRouter } from 'react-router';
import { I18nProvider } from '../i18n/i18n-provider.tsx';
import { AntdConfig } from './antd-config.tsx';
import { ConsoleRoutes } from './console-routes.tsx';
import { SessionProvider } from './session/session-provider.tsx';

/** The console app: language, Ant Design, router under /console, session, routes. */
export function App() {
  return (
    <I18nProvider>
      <AntdConfig>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <ConsoleRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntdConfig>
    </I18nProvider>
  );
}
