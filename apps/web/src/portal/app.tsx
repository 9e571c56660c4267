// The resident portal: no login, mobile first. Report (category, description, photos, a point on the
// map, optional contact) → receipt (tracking number and the rating password, shown once) → follow
// (status and milestones by tracking number) → rate (1–5 stars with the password); the satisfaction survey
// of the resident's grid.
import { ConfigProvider, NavBar, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { EditSOutline, SearchOutline, SmileOutline } from 'antd-mobile-icons';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import { FollowPage } from './follow-page.tsx';
import { PortalI18nProvider, usePortalI18n } from './i18n.tsx';
import { usePortalConfig } from './portal-config.ts';
import { RatePage } from './rate-page.tsx';
import { ReceiptPage } from './receipt-page.tsx';
import { ReportPage } from './report-page.tsx';
import { SurveyPage } from './survey-page.tsx';

function Layout() {
  const { t, toggle } = usePortalI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { city } = usePortalConfig();
  const tab = pathname.startsWith('/follow')
    ? '/follow'
    : pathname.startsWith('/survey')
      ? '/survey'
      : '/report';
  const isTop = pathname === '/report' || pathname === '/follow' || pathname === '/survey';
  return (
    <div className="portal">
      <div className="portal-header">
        <NavBar
          backIcon={!isTop}
          back={isTop ? null : t('portal.back')}
          onBack={() => navigate(-1)}
          right={
            <button
              type="button"
              onClick={toggle}
              data-testid="portal-lang"
              style={{ background: 'none', border: 0, color: 'inherit', fontSize: 14, padding: 0 }}
            >
              {t('portal.lang.switch')}
            </button>
          }
        >
          <div style={{ lineHeight: 1.2 }}>
            <div>{t('portal.title')}</div>
            {city && <div style={{ fontSize: 11, opacity: 0.85 }}>{t('portal.subtitle', { city })}</div>}
          </div>
        </NavBar>
      </div>
      <main className="portal-body">
        <Outlet />
      </main>
      <div className="portal-tabs">
        <TabBar activeKey={tab} onChange={(key) => navigate(key)}>
          <TabBar.Item key="/report" icon={<EditSOutline />} title={t('portal.tab.report')} />
          <TabBar.Item key="/follow" icon={<SearchOutline />} title={t('portal.tab.follow')} />
          <TabBar.Item key="/survey" icon={<SmileOutline />} title={t('portal.tab.survey')} />
        </TabBar>
      </div>
    </div>
  );
}

function Localised() {
  const { lang } = usePortalI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <BrowserRouter basename="/portal">
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<Navigate to="/report" replace />} />
            <Route path="report" element={<ReportPage />} />
            <Route path="receipt" element={<ReceiptPage />} />
            <Route path="follow" element={<FollowPage />} />
            <Route path="follow/:trackingNo" element={<FollowPage />} />
            <Route path="follow/:trackingNo/rate" element={<RatePage />} />
            <Route path="survey" element={<SurveyPage />} />
            <Route path="*" element={<Navigate to="/report" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}

export function PortalApp() {
  return (
    <PortalI18nProvider>
      <Localised />
    </PortalI18nProvider>
  );
}
