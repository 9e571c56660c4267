// The console's pages and the permission each needs: the menu, the route guards and the landing page
// all read this one table, so a page a user cannot open is never offered to them.
import { ApartmentOutlined, AuditOutlined, TeamOutlined } from '@ant-design/icons';
import type { TSessionUser } from '@civgrid/contracts';
import type { Action } from '@civgrid/domain';
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n/zh-CN.ts';

export interface NavItem {
  path: string;
  permission: Action;
  label: MessageKey;
  icon: ComponentType;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/org', permission: 'org.read', label: 'nav.org', icon: ApartmentOutlined },
  { path: '/users', permission: 'user.read', label: 'nav.users', icon: TeamOutlined },
  { path: '/audit', permission: 'audit.read', label: 'nav.audit', icon: AuditOutlined },
];

export function hasPermission(user: TSessionUser, action: Action): boolean {
  return user.permissions.includes(action);
}

/** The menu entries `user` may open, in menu order. */
export function navFor(user: TSessionUser): NavItem[] {
  return NAV_ITEMS.filter((item) => hasPermission(user, item.permission));
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
