/**
 * Second-factor set-up (TOTP): the service makes a secret (`POST /auth/totp/setup`), shown as a QR
 * code and as text for an authenticator app; the app's current code confirms it (`/auth/totp/confirm`).
 */
import { Alert, Button, Card, Form, Input, QRCode, Result, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { problemMessage } from '../../api/problem.ts';
import { useSession, useTotpConfirm, useTotpSetup } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { HOME_PATH } from '../staff-pages.tsx';

export default function SecondFactorPage() {
  const m = useMessages();
  const navigate = useNavigate();
  const { data: principal } = useSession();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();

  if (principal?.totpEnabled) {
    return (
      <Result
        status="success"
        title={confirm.isSuccess ? m.secondFactor.done : m.secondFactor.enabled}
        extra={
          <Button type="primary" onClick={() => void navigate(HOME_PATH)}>
            {m.shell.backHome}
          </Button>
        }
      />
    );
  }

  // Confirmed, the session says totpEnabled and the page shows it (the shell lets the person on).
  const onConfirm = ({ code }: { code: string }) => confirm.mutate(code);
  const failure = setup.error ?? confirm.error;

  return (
    <Card title={m.secondFactor.title} style={{ maxWidth: 560 }}>
      <Typography.Paragraph>{m.secondFactor.why}</Typography.Paragraph>
      {!setup.data ? (
        <Button type="primary" onClick={() => setup.mutate()} loading={setup.isPending}>
          {m.secondFactor.start}
        </Button>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph>{m.secondFactor.step1}</Typography.Paragraph>
          <QRCode value={setup.data.otpauthUri} size={192} />
          <div>
            <Typography.Text type="secondary">{m.secondFactor.secret}: </Typography.Text>
            <Typography.Text code copyable>
              {setup.data.secret}
            </Typography.Text>
          </div>
          <Typography.Paragraph>{m.secondFactor.step2}</Typography.Paragraph>
          <Form layout="inline" onFinish={onConfirm} disabled={confirm.isPending}>
            <Form.Item name="code" label={m.secondFactor.code} rules={[{ required: true, message: m.signIn.required }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ width: 120 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={confirm.isPending}>
              {m.secondFactor.confirm}
            </Button>
          </Form>
        </Space>
      )}
      {failure && <Alert type="error" showIcon title={problemMessage(failure, m)} style={{ marginTop: 16 }} role="alert" />}
    </Card>
  );
}
