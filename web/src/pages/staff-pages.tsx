/**
 * The staff pages: the one place a page is added. Each entry is a lazy route (its code loads on
 * the first visit), the action the signed-in person needs for it (`principal.actions`, the access
 * table of docs/access.md), and where the shell lists it: the main menu, or the user's menu.
 */
import type { ComponentType, ReactNode } from 'react';
import { HomeOutlined, KeyOutlined, SafetyOutlined } from '@ant-design/icons';
import type { Action } from '../../../src/domain/access.ts';
import type { Messages } from '../i18n/messages.ts';

export interface StaffPage {
  path: string;
  /** Needed to see the page and its menu entry. */
  action: Action;
  /** `menu`: the main menu; `account`: the user's menu (own session). */
  place: 'menu' | 'account';
  label: (m: Messages) => string;
  icon: ReactNode;
  load: () => Promise<{ default: ComponentType }>;
}

export const HOME_PATH = '/';
export const PASSWORD_PATH = '/doi-mat-khau';
export const SECOND_FACTOR_PATH = '/xac-thuc-hai-lop';

export const STAFF_PAGES: readonly StaffPage[] = [
  { path: HOME_PATH, action: 'session', place: 'menu', label: (m) => m.menu.home, icon: <HomeOutlined />, load: () => import('./home/HomePage.tsx') },
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
