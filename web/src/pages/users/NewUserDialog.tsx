/** Adds an account: username, name, role and the role's scope; the service answers its one-time password. */
import { Form, Input, Select } from 'antd';
import { PERSON_ROLES, type PersonRole } from '../../../../src/domain/access.ts';
import { FormDialog } from '../../components/FormDialog.tsx';
import { useCreateUser, type UserView } from '../../hooks/users.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { scopesFromForm, type ScopeFormValues } from './scope-form.ts';
import { ScopeFields } from './ScopeFields.tsx';

interface NewUserForm extends ScopeFormValues {
  username: string;
  displayName: string;
  role: PersonRole;
}

export function NewUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (user: UserView, password: string) => void }) {
  const m = useMessages();
  const create = useCreateUser();
  const [form] = Form.useForm<NewUserForm>();
  const role = Form.useWatch('role', form);
  const required = [{ required: true, whitespace: true, message: m.users.required }];
  const close = () => {
    create.reset();
    onClose();
  };
  const submit = ({ username, displayName, role, ...scope }: NewUserForm) =>
    create.mutate(
      { username: username.trim(), displayName: displayName.trim(), role, scopes: scopesFromForm(role, scope) },
      {
        onSuccess: ({ user, initialPassword }) => {
          create.reset();
          onCreated(user, initialPassword);
        },
      },
    );
  return (
    <FormDialog<NewUserForm> open={open} form={form} title={m.users.add} okText={m.users.create} onSubmit={submit} onCancel={close} pending={create.isPending} error={create.error}>
      <Form.Item name="username" label={m.users.username} extra={m.users.usernameHint} rules={required}>
        <Input autoFocus autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40} />
      </Form.Item>
      <Form.Item name="displayName" label={m.users.displayName} rules={required}>
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item name="role" label={m.users.role} rules={[{ required: true, message: m.users.required }]}>
        <Select options={PERSON_ROLES.map((r) => ({ value: r, label: m.roles[r] }))} />
      </Form.Item>
      <ScopeFields role={role} />
    </FormDialog>
  );
}
