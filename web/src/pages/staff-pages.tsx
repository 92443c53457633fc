/**
 * The staff pages: the one place a page is added. Each entry is a lazy route (its code loads on
 * the first visit), the action the signed-in person needs for it (`principal.actions`, the access
 * table of docs/access.md), and where the shell lists it: the main menu, or the user's menu.
 */
import type { ComponentType, ReactNode } from 'react';
import { AimOutlined, AuditOutlined, FileDoneOutlined, DashboardOutlined, CloudServerOutlined, HomeOutlined, IdcardOutlined, KeyOutlined, SafetyOutlined, SearchOutlined, TeamOutlined } from '@ant-design/icons';
import type { Action } from '../../../src/domain/access.ts';
import type { Messages } from '../i18n/messages.ts';

export interface StaffPage {
  path: string;
  /** Needed to see the page and its menu entry. */
  action: Action;
  /** `menu`: the main menu; `account`: the user's menu (own session); `none`: reached from another page (a line's page from the look-up). */
  place: 'menu' | 'account' | 'none';
  label: (m: Messages) => string;
  icon: ReactNode;
  load: () => Promise<{ default: ComponentType }>;
}

export const HOME_PATH = '/';
export const PASSWORD_PATH = '/doi-mat-khau';
export const SECOND_FACTOR_PATH = '/xac-thuc-hai-lop';
export const LOOKUP_PATH = '/tra-cuu';
/** A line's page: the address carries only its opaque id, never a number or a document. */
export const LINE_PATH = `${LOOKUP_PATH}/thue-bao/:id`;
export const linePath = (id: number) => `${LOOKUP_PATH}/thue-bao/${id}`;
export const DESK_PATH = '/quay-xac-thuc';
export const USERS_PATH = '/tai-khoan';
export const AUDIT_PATH = '/nhat-ky';
export const CARRIERS_PATH = '/du-lieu-nha-mang';
export const CAMPAIGN_PATH = '/chien-dich';
export const DASHBOARD_PATH = '/bang-dieu-khien';
export const REPORTS_PATH = '/bao-cao-tuan';

export const STAFF_PAGES: readonly StaffPage[] = [
  { path: HOME_PATH, action: 'session', place: 'menu', label: (m) => m.menu.home, icon: <HomeOutlined />, load: () => import('./home/HomePage.tsx') },
  { path: LOOKUP_PATH, action: 'subscriber.lookup', place: 'menu', label: (m) => m.menu.lookup, icon: <SearchOutlined />, load: () => import('./lookup/LookupPage.tsx') },
  { path: LINE_PATH, action: 'subscriber.lookup', place: 'none', label: (m) => m.menu.lookup, icon: <SearchOutlined />, load: () => import('./lookup/LinePage.tsx') },
  { path: DASHBOARD_PATH, action: 'figures.read', place: 'menu', label: (m) => m.menu.dashboard, icon: <DashboardOutlined />, load: () => import('./dashboard/DashboardPage.tsx') },
  { path: REPORTS_PATH, action: 'reports.read', place: 'menu', label: (m) => m.menu.reports, icon: <FileDoneOutlined />, load: () => import('./reports/ReportsPage.tsx') },
  { path: CAMPAIGN_PATH, action: 'figures.read', place: 'menu', label: (m) => m.menu.campaign, icon: <AimOutlined />, load: () => import('./campaign/CampaignPage.tsx') },
  { path: DESK_PATH, action: 'verification.desk', place: 'menu', label: (m) => m.menu.desk, icon: <IdcardOutlined />, load: () => import('./desk/DeskPage.tsx') },
  { path: USERS_PATH, action: 'users.manage', place: 'menu', label: (m) => m.menu.users, icon: <TeamOutlined />, load: () => import('./users/UsersPage.tsx') },
  { path: CARRIERS_PATH, action: 'imports.read', place: 'menu', label: (m) => m.menu.carriers, icon: <CloudServerOutlined />, load: () => import('./carriers/CarriersPage.tsx') },
  { path: AUDIT_PATH, action: 'audit.read', place: 'menu', label: (m) => m.menu.audit, icon: <AuditOutlined />, load: () => import('./audit/AuditPage.tsx') },
  {
    path: PASSWORD_PATH,
    action: 'session',
    place: 'account',
    label: (m) => m.menu.changePassword,
    icon: <KeyOutlined />,
    load: () => import('./account/ChangePasswordPage.tsx'),
  },
  {
    path: SECOND_FACTOR_PATH,
    action: 'session',
    place: 'account',
    label: (m) => m.menu.secondFactor,
    icon: <SafetyOutlined />,
    load: () => import('./account/SecondFactorPage.tsx'),
  },
];
