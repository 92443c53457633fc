/** The person's password: forced on a first sign-in (the shell sends them here), else from the user's menu. */
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { fieldErrorsOf, problemMessage } from '../../api/problem.ts';
import { useChangePassword, useSession } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { HOME_PATH } from '../staff-pages.tsx';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export default function ChangePasswordPage() {
  const m = useMessages();
  const navigate = useNavigate();
  const { data: principal } = useSession();
  const change = useChangePassword();
  const forced = principal?.mustChangePassword === true;
  const [form] = Form.useForm<PasswordForm>();
  const onFinish = ({ currentPassword, newPassword }: PasswordForm) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          // A first sign-in goes on: home, or the next pending step (the shell redirects there).
          if (forced) void navigate(HOME_PATH, { replace: true });
        },
        onError: (error) => form.setFields(fieldErrorsOf(error, ['currentPassword', 'newPassword'] as const)),
      },
    );
  const required = { required: true, message: m.signIn.required };
  return (
    <Card title={m.password.title} style={{ maxWidth: 480 }}>
      {forced && <Typography.Paragraph>{m.password.forced}</Typography.Paragraph>}
      {change.isSuccess && <Alert type="success" showIcon title={m.password.done} style={{ marginBottom: 16 }} />}
      <Form<PasswordForm> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={change.isPending}>
        {/* For the browser's password manager: whose password changes. */}
        <input type="text" name="username" autoComplete="username" value={principal?.username ?? ''} readOnly hidden />
        <Form.Item name="currentPassword" label={m.password.current} rules={[required]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={m.password.next} rules={[required]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={m.password.confirm}
          dependencies={['newPassword']}
          rules={[
            required,
            ({ getFieldValue }) => ({
              validator: (_rule, value) => (value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(m.password.mismatch))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {change.error && fieldErrorsOf(change.error, ['currentPassword', 'newPassword']).length === 0 && <Alert type="error" showIcon title={problemMessage(change.error, m)} style={{ marginBottom: 16 }} role="alert" />}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {m.password.submit}
        </Button>
      </Form>
    </Card>
  );
}
