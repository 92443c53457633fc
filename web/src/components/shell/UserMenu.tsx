import { DownOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useNavigate } from 'react-router';
import { useSignOut, type SessionPrincipal } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { STAFF_PAGES } from '../../pages/staff-pages.tsx';

/** The person's name and role, their own pages (password, second factor) and sign-out. */
export function UserMenu({ principal }: { principal: SessionPrincipal }) {
  const m = useMessages();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const accountPages = STAFF_PAGES.filter((page) => page.place === 'account' && principal.actions.includes(page.action));
  const items: MenuProps['items'] = [
    { key: 'who', disabled: true, label: <span className="shell-user-role">{m.roles[principal.role]}</span> },
    { type: 'divider' },
    ...accountPages.map((page) => ({ key: page.path, icon: page.icon, label: page.label(m), onClick: () => void navigate(page.path) })),
    { type: 'divider' },
    {
      key: 'sign-out',
      icon: <LogoutOutlined />,
      label: m.menu.signOut,
      // Signed out, the shell sends the page to sign-in; had the session ended already, the shell finds out too.
      onClick: () => signOut.mutate(),
    },
  ];
  return (
    <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
      <Button type="text" icon={<UserOutlined />} className="shell-user">
        <span className="shell-user-name">{principal.displayName}</span>
        <DownOutlined />
      </Button>
    </Dropdown>
  );
}
