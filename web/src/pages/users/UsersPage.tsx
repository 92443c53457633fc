/**
 * Tài khoản (users.manage): every account with its role in Vietnamese, its scope and its state;
 * add one, change its scope, reset its password, disable it. A new or reset password is shown once.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Popconfirm, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ROLE_SCOPE } from '../../../../src/domain/access.ts';
import { problemMessage } from '../../api/problem.ts';
import { TABLE_SCROLL } from '../../components/table-scroll.ts';
import { useCommuneName } from '../../hooks/admin-units.ts';
import { useDisableUser, useResetPassword, useUsers, type UserView } from '../../hooks/users.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { NewUserDialog } from './NewUserDialog.tsx';
import { OneTimePasswordDialog, type IssuedPassword } from './OneTimePasswordDialog.tsx';
import { ScopesDialog } from './ScopesDialog.tsx';

function ScopeTags({ user }: { user: UserView }) {
  const m = useMessages();
  const communeName = useCommuneName();
  if (user.scopes.length === 0) return <Typography.Text type="secondary">{m.users.wholeProvince}</Typography.Text>;
  return (
    <Flex wrap gap={4}>
      {user.scopes.map((scope) => (
        <Tag key={`${scope.kind}:${scope.value}`}>{scope.kind === 'commune' ? communeName(scope.value) : scope.kind === 'carrier' ? m.carrier(scope.value) : scope.value}</Tag>
      ))}
    </Flex>
  );
}

function StateTag({ user }: { user: UserView }) {
  const m = useMessages();
  if (user.disabledAt) return <Tag color="red">{m.users.states.disabled}</Tag>;
  if (user.mustChangePassword) return <Tag color="gold">{m.users.states.mustChange}</Tag>;
  return <Tag color="green">{m.users.states.active}</Tag>;
}

export default function UsersPage() {
  const m = useMessages();
  const users = useUsers();
  const disable = useDisableUser();
  const reset = useResetPassword();
  const [adding, setAdding] = useState(false);
  const [scoping, setScoping] = useState<UserView | null>(null);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const failure = users.error ?? disable.error ?? reset.error;

  const columns: TableColumnsType<UserView> = [
    {
      key: 'account',
      title: m.users.username,
      render: (_, user) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{user.username}</Typography.Text>
          <Typography.Text>{user.displayName}</Typography.Text>
        </Space>
      ),
    },
    { key: 'role', title: m.users.role, render: (_, user) => m.roles[user.role] },
    { key: 'scopes', title: m.users.scopes, render: (_, user) => <ScopeTags user={user} /> },
    {
      key: 'state',
      title: m.users.state,
      render: (_, user) => (
        <Flex wrap gap={4}>
          <StateTag user={user} />
          {user.totpEnabled && <Tag color="blue">{m.users.totpOn}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'actions',
      title: m.users.actions,
      render: (_, user) => (
        <Flex wrap gap={4}>
          {ROLE_SCOPE[user.role] !== null && (
            <Button size="small" onClick={() => setScoping(user)}>
              {m.users.changeScopes}
            </Button>
          )}
          <Popconfirm
            title={m.users.resetConfirm(user.username)}
            okText={m.users.confirm}
            cancelText={m.app.cancel}
            onConfirm={() => reset.mutate(user.id, { onSuccess: ({ initialPassword }) => setIssued({ username: user.username, password: initialPassword }) })}
          >
            <Button size="small">{m.users.resetPassword}</Button>
          </Popconfirm>
          {!user.disabledAt && (
            <Popconfirm
              title={m.users.disableConfirm(user.username)}
              okText={m.users.confirm}
              okButtonProps={{ danger: true }}
              cancelText={m.app.cancel}
              onConfirm={() => disable.mutate(user.id, { onSuccess: () => setNotice(m.users.disabled(user.username)) })}
            >
              <Button size="small" danger>
                {m.users.disable}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {m.users.title}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          {m.users.add}
        </Button>
      </Flex>
      {notice && <Alert type="success" showIcon closable={{ onClose: () => setNotice(null) }} title={notice} role="status" style={{ marginBottom: 16 }} />}
      {failure && <Alert type="error" showIcon title={problemMessage(failure, m)} role="alert" style={{ marginBottom: 16 }} />}
      <Table<UserView>
        rowKey="id"
        columns={columns}
        dataSource={users.data}
        loading={users.isPending}
        pagination={false}
        size="middle"
        scroll={TABLE_SCROLL}
        locale={{ emptyText: m.users.empty }}
      />
      <NewUserDialog
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(user, password) => {
          setAdding(false);
          setIssued({ username: user.username, password });
        }}
      />
      <ScopesDialog
        user={scoping}
        onClose={() => setScoping(null)}
        onSaved={(user) => {
          setScoping(null);
          setNotice(m.users.scopesSaved(user.username));
        }}
      />
      <OneTimePasswordDialog issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
