// The field app (网格通) for grid workers and community police: my grid, report (采), my tasks, me (check-in,
// patrol, what waits to sync). Mobile first, offline first: every screen shows the device's copy when the
// network is gone, and every write waits in the outbox until it can be sent.
import { Badge, ConfigProvider, NavBar, NoticeBar, SpinLoading, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import {
  AppstoreOutline,
  EditSOutline,
  UnorderedListOutline,
  UploadOutline,
  UserOutline,
} from 'antd-mobile-icons';
import { useEffect } from 'react';
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router';
import type { FieldMessageKey } from '../i18n/field-app-zh-CN.ts';
import { useOutbox, useTasks } from './hooks.ts';
import { FieldI18nProvider, useFieldI18n } from './i18n.tsx';
import { readAhead } from './offline/cache.ts';
import { AlertPage } from './pages/alert-page.tsx';
import { BuildingPage } from './pages/building-page.tsx';
import { CasePage } from './pages/case-page.tsx';
import { GridPage } from './pages/grid-page.tsx';
import { HousePage } from './pages/house-page.tsx';
import { InstructionPage } from './pages/instruction-page.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { MePage } from './pages/me-page.tsx';
import { OutboxPage } from './pages/outbox-page.tsx';
import { ReportPage } from './pages/report-page.tsx';
import { ScanPage } from './pages/scan-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';
import { patrol } from './patrol.ts';
import { SessionProvider, useSession } from './session.tsx';
import { countOpen, tasks } from './tasks-store.ts';

const TABS = ['/grid', '/report', '/tasks', '/me'] as const;

/** The title of the screen at `pathname`. */
function titleKey(pathname: string): FieldMessageKey {
  const first = pathname.split('/')[1] ?? '';
  const keys: Record<string, FieldMessageKey> = {
    grid: 'field.title.grid',
    buildings: 'field.title.building',
    houses: 'field.title.house',
    scan: 'field.title.scan',
    report: 'field.title.report',
    tasks: 'field.title.tasks',
    cases: 'field.title.case',
    alerts: 'field.title.alert',
    instructions: 'field.title.instruction',
    me: 'field.title.me',
    outbox: 'field.title.outbox',
  };
  return keys[first] ?? 'field.app.name';
}

function SyncButton() {
  const { t } = useFieldI18n();
  const navigate = useNavigate();
  const box = useOutbox();
  const waiting = box.pending + box.failed;
  return (
    <button
      type="button"
      className="field-sync-button"
      onClick={() => navigate('/outbox')}
      aria-label={t('field.outbox.open')}
      data-testid="field-sync"
    >
      <Badge content={waiting > 0 ? waiting : null} color={box.failed > 0 ? '#ff3141' : '#fa8c16'}>
        <UploadOutline fontSize={22} className={box.isSyncing ? 'field-syncing' : undefined} />
      </Badge>
    </button>
  );
}

function Shell() {
  const { t } = useFieldI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const box = useOutbox();
  const taskSnapshot = useTasks();
  const open = countOpen(taskSnapshot, box.items);
  const tab = TABS.find((p) => pathname === p || pathname.startsWith(`${p}/`)) ?? null;
  return (
    <div className="field">
      <div className="field-header">
        <NavBar
          backIcon={tab === null}
          back={tab === null ? '' : null}
          onBack={() => navigate(-1)}
          right={<SyncButton />}
        >
          {t(titleKey(pathname))}
        </NavBar>
        {!box.isOnline && (
          <NoticeBar
            className="field-offline"
            color="alert"
            content={t('field.offline.banner')}
            wrap
            data-testid="field-offline"
          />
        )}
      </div>
      <main className="field-body">
        <Outlet />
      </main>
      <div className="field-tabs">
        <TabBar activeKey={tab} onChange={(key) => navigate(key)}>
          <TabBar.Item key="/grid" icon={<AppstoreOutline />} title={t('field.tab.grid')} />
          <TabBar.Item key="/report" icon={<EditSOutline />} title={t('field.tab.report')} />
          <TabBar.Item
            key="/tasks"
            icon={<UnorderedListOutline />}
            title={t('field.tab.tasks')}
            badge={open.total > 0 ? open.total : null}
          />
          <TabBar.Item key="/me" icon={<UserOutline />} title={t('field.tab.me')} />
        </TabBar>
      </div>
    </div>
  );
}

/** Signed-in screens: follow the user's tasks and pick up a patrol in progress. */
function RequireUser() {
  const { ready, user } = useSession();
  const userId = user?.id ?? null;
  useEffect(() => {
    tasks.follow(userId);
    patrol.resume(userId);
    if (!userId) return;
    void readAhead();
    window.addEventListener('online', readAhead);
    return () => window.removeEventListener('online', readAhead);
  }, [userId]);
  if (!ready)
    return (
      <div className="field-loading">
        <SpinLoading />
      </div>
    );
  if (!user) return <Navigate to="/login" replace />;
  return <Shell />;
}

function Localised() {
  const { lang } = useFieldI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN}>
      <BrowserRouter basename="/field">
        <Routes>
          <Route path="login" element={<LoginPage />} />
          <Route element={<RequireUser />}>
            <Route index element={<Navigate to="/grid" replace />} />
            <Route path="grid" element={<GridPage />} />
            <Route path="buildings/:id" element={<BuildingPage />} />
            <Route path="houses/:id" element={<HousePage />} />
            <Route path="scan" element={<ScanPage />} />
            <Route path="report" element={<ReportPage />} />
            <Route path="tasks" element={<TasksPage />} />
            <Route path="cases/:id" element={<CasePage />} />
            <Route path="alerts/:id" element={<AlertPage />} />
            <Route path="instructions/:id" element={<InstructionPage />} />
            <Route path="me" element={<MePage />} />
            <Route path="outbox" element={<OutboxPage />} />
            <Route path="*" element={<Navigate to="/grid" replace />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </ConfigProvider>
  );
}

export function FieldApp() {
  return (
    <FieldI18nProvider>
      <SessionProvider>
        <Localised />
      </SessionProvider>
    </FieldI18nProvider>
  );
}
