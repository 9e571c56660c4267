// The console's pages and the permission each needs: the menu, the route guards and the landing page
// all read this one table, so a page a user cannot open is never offered to them.
import {
  AimOutlined,
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BlockOutlined,
  CarOutlined,
  ClusterOutlined,
  ControlOutlined,
  DatabaseOutlined,
  DeploymentUnitOutlined,
  EnvironmentOutlined,
  EyeOutlined,
  FileDoneOutlined,
  FundOutlined,
  HomeOutlined,
  ImportOutlined,
  NodeIndexOutlined,
  PhoneOutlined,
  ProfileOutlined,
  QrcodeOutlined,
  SendOutlined,
  ShareAltOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { TSessionUser } from '@civgrid/contracts';
import type { Action } from '@civgrid/domain';
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/zh-CN.ts';

/** Menu groups (sub-menus); an item without a group sits at the top level. */
export type NavGroup = 'registry' | 'sensing' | 'alerts' | 'cases' | 'fieldwork';

export interface NavItem {
  path: string;
  permission: Action;
  label: MessageKey;
  icon: ComponentType;
  group?: NavGroup;
  /** False for pages reached only by link (a scanned label), which still need a permission. */
  inMenu?: boolean;
}

export const NAV_GROUPS: Record<NavGroup, { label: MessageKey; icon: ComponentType }> = {
  registry: { label: 'nav.registry', icon: DatabaseOutlined },
  sensing: { label: 'nav.sensing', icon: AimOutlined },
  alerts: { label: 'nav.alerts', icon: AlertOutlined },
  cases: { label: 'nav.cases', icon: FileDoneOutlined },
  fieldwork: { label: 'nav.fieldwork', icon: DeploymentUnitOutlined },
};

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/org', permission: 'org.read', label: 'nav.org', icon: ApartmentOutlined },
  {
    path: '/cases',
    permission: 'case.read',
    label: 'nav.cases.queue',
    icon: ProfileOutlined,
    group: 'cases',
  },
  {
    path: '/hotline',
    permission: 'case.open',
    label: 'nav.cases.hotline',
    icon: PhoneOutlined,
    group: 'cases',
  },
  {
    path: '/case-stats',
    permission: 'case.read',
    label: 'nav.cases.stats',
    icon: BarChartOutlined,
    group: 'cases',
  },
  {
    path: '/alerts',
    permission: 'alert.read',
    label: 'nav.alerts.list',
    icon: BellOutlined,
    group: 'alerts',
  },
  {
    path: '/alert-stats',
    permission: 'alert.read',
    label: 'nav.alerts.stats',
    icon: FundOutlined,
    group: 'alerts',
  },
  {
    path: '/alert-rules',
    permission: 'alert.manage',
    label: 'nav.alerts.rules',
    icon: ControlOutlined,
    group: 'alerts',
  },
  {
    path: '/registry/persons',
    permission: 'person.read',
    label: 'nav.registry.persons',
    icon: UserOutlined,
    group: 'registry',
  },
  {
    path: '/registry/houses',
    permission: 'person.read',
    label: 'nav.registry.houses',
    icon: HomeOutlined,
    group: 'registry',
  },
  {
    path: '/registry/buildings',
    permission: 'person.read',
    label: 'nav.registry.buildings',
    icon: BankOutlined,
    group: 'registry',
  },
  {
    path: '/registry/vehicles',
    permission: 'person.read',
    label: 'nav.registry.vehicles',
    icon: CarOutlined,
    group: 'registry',
  },
  {
    path: '/registry/devices',
    permission: 'person.read',
    label: 'nav.registry.devices',
    icon: VideoCameraOutlined,
    group: 'registry',
  },
  {
    path: '/registry/organisations',
    permission: 'person.read',
    label: 'nav.registry.organisations',
    icon: ClusterOutlined,
    group: 'registry',
  },
  {
    path: '/registry/import',
    permission: 'registry.import',
    label: 'nav.registry.import',
    icon: ImportOutlined,
    group: 'registry',
  },
  {
    path: '/registry/labels',
    permission: 'person.read',
    label: 'nav.registry.labels',
    icon: QrcodeOutlined,
    group: 'registry',
  },
  {
    path: '/registry/categories',
    permission: 'category.manage',
    label: 'nav.registry.categories',
    icon: TagsOutlined,
    group: 'registry',
  },
  {
    path: '/registry/label',
    permission: 'person.read',
    label: 'nav.registry.labels',
    icon: QrcodeOutlined,
    group: 'registry',
    inMenu: false,
  },
  {
    path: '/sensing/devices',
    permission: 'device.read',
    label: 'nav.sensing.devices',
    icon: EnvironmentOutlined,
    group: 'sensing',
  },
  {
    path: '/sensing/trajectory',
    permission: 'insight.query',
    label: 'nav.sensing.trajectory',
    icon: NodeIndexOutlined,
    group: 'sensing',
  },
  {
    path: '/sensing/collision',
    permission: 'insight.query',
    label: 'nav.sensing.collision',
    icon: BlockOutlined,
    group: 'sensing',
  },
  {
    path: '/sensing/contacts',
    permission: 'insight.query',
    label: 'nav.sensing.contacts',
    icon: ShareAltOutlined,
    group: 'sensing',
  },
  {
    path: '/watchlist',
    permission: 'watchlist.read',
    label: 'nav.watchlist',
    icon: EyeOutlined,
    group: 'sensing',
  },
  { path: '/command', permission: 'command.receive', label: 'nav.command', icon: SendOutlined },
  {
    path: '/field-workers',
    permission: 'field.read',
    label: 'nav.fieldwork.roster',
    icon: SolutionOutlined,
    group: 'fieldwork',
  },
  {
    path: '/field-assessments',
    permission: 'field.read',
    label: 'nav.fieldwork.assessments',
    icon: TrophyOutlined,
    group: 'fieldwork',
  },
  { path: '/users', permission: 'user.read', label: 'nav.users', icon: TeamOutlined },
  { path: '/audit', permission: 'audit.read', label: 'nav.audit', icon: AuditOutlined },
];

export function hasPermission(user: TSessionUser, action: Action): boolean {
  return user.permissions.includes(action);
}

/** The menu entries `user` may open, in menu order. */
export function navFor(user: TSessionUser): NavItem[] {
  return NAV_ITEMS.filter((item) => item.inMenu !== false && hasPermission(user, item.permission));
}

/** Where `user` lands after login: the first page they may open, or null when there is none. */
export function landingPath(user: TSessionUser): string | null {
  return navFor(user)[0]?.path ?? null;
}

/** The menu entry a router path belongs to (`/org/…` → the org entry). */
export function navItemOf(pathname: string): NavItem | undefined {
  return NAV_ITEMS.find((item) => pathname === item.path || pathname.startsWith(`${item.path}/`));
}

/** True when `user` may open `pathname` (so a remembered deep link is worth returning to). */
export function mayOpen(user: TSessionUser, pathname: string): boolean {
  const item = navItemOf(pathname);
  return item !== undefined && hasPermission(user, item.permission);
}
