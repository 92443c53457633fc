/**
 * The staff shell: header (campaign, today, the person's menu, language), the main menu of the
 * pages the person's actions open, and the page. Nobody signed in → the sign-in page, which comes
 * back here after; a pending first-sign-in step → that step's page. On a phone the menu folds into
 * a drawer.
 */
import { MenuOutlined } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Result } from 'antd';
import { useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { problemMessage } from '../../api/problem.ts';
import { useSession, type SessionPrincipal } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { SIGN_IN_PATH } from '../../paths.ts';
import { STAFF_PAGES } from '../../pages/staff-pages.tsx';
import { LanguageSwitch } from '../LanguageSwitch.tsx';
import { PageLoading } from '../PageLoading.tsx';
import { CampaignDay } from './CampaignDay.tsx';
import { pendingStepPath } from './pending-step.ts';
import { UserMenu } from './UserMenu.tsx';
import './shell.css';

function MainMenu({ principal, onNavigate }: { principal: SessionPrincipal; onNavigate?: () => void }) {
  const m = useMessages();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const pages = STAFF_PAGES.filter((page) => page.place === 'menu' && principal.actions.includes(page.action));
  return (
    <Menu
      mode="inline"
      style={{ borderInlineEnd: 'none' }}
      // A page below a menu entry (a line's page below the look-up) keeps that entry lit.
      selectedKeys={pages.filter((page) => pathname === page.path || pathname.startsWith(`${page.path}/`)).map((page) => page.path)}
      items={pages.map((page) => ({ key: page.path, icon: page.icon, label: page.label(m) }))}
      onClick={({ key }) => {
        onNavigate?.();
        void navigate(key);
      }}
    />
  );
}

function SignedInShell({ principal }: { principal: SessionPrincipal }) {
  const m = useMessages();
  const screens = Grid.useBreakpoint();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const wide = screens.lg ?? true;
  return (
    <Layout className="shell">
      <Layout.Header className="shell-header">
        {!wide && <Button type="text" icon={<MenuOutlined />} aria-label={m.menu.open} onClick={() => setDrawerOpen(true)} />}
        <CampaignDay />
        <div className="shell-header-end">
          <LanguageSwitch />
          <UserMenu principal={principal} />
        </div>
      </Layout.Header>
      <Layout>
        {wide ? (
          <Layout.Sider width={232} theme="light" className="shell-sider">
            <MainMenu principal={principal} />
          </Layout.Sider>
        ) : (
          <Drawer placement="left" open={drawerOpen} onClose={() => setDrawerOpen(false)} size={280} title={m.app.title} styles={{ body: { padding: 0 } }}>
            <MainMenu principal={principal} onNavigate={() => setDrawerOpen(false)} />
          </Drawer>
        )}
        <Layout.Content className="shell-content">
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export default function Shell() {
  const m = useMessages();
  const location = useLocation();
  const session = useSession();
  if (session.isPending) return <PageLoading />;
  if (session.isError) {
    return (
      <Result
        status="error"
        title={problemMessage(session.error, m)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {m.app.retry}
          </Button>
        }
      />
    );
  }
  const principal = session.data;
  if (!principal) return <Navigate to={`${SIGN_IN_PATH}?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  const pending = pendingStepPath(principal);
  if (pending && location.pathname !== pending) return <Navigate to={pending} replace />;
  return <SignedInShell principal={principal} />;
}
