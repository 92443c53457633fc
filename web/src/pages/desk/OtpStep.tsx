/**
 * The one-time code the rules ask of a person with a single line: sent to the line by the first
 * submission; the person reads it out, the desk submits again with it. Tries left and expiry are
 * the service's.
 */
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { problemMessage } from '../../api/problem.ts';
import type { VerificationAnswer } from '../../hooks/desk.ts';
import { formatInstant } from '../../format.ts';
import { useMessages } from '../../i18n/i18n.tsx';

export function OtpStep({ answer, pending, error, onCode }: {
  answer: VerificationAnswer & { otp: NonNullable<VerificationAnswer['otp']> };
  pending: boolean;
  error: unknown;
  onCode: (code: string) => void;
}) {
  const m = useMessages();
  return (
    <Card title={m.desk.otp.title}>
      <Typography.Paragraph>{m.desk.otp.explained(answer.msisdn)}</Typography.Paragraph>
      <Form layout="vertical" requiredMark={false} disabled={pending} onFinish={(values: { otp: string }) => onCode(values.otp.trim())}>
        <Form.Item
          name="otp"
          label={m.desk.otp.code}
          extra={`${m.desk.otp.attemptsLeft(answer.otp.attemptsLeft)}, ${m.desk.otp.expiresAt(formatInstant(answer.otp.expiresAt))}`}
          rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: m.desk.otp.codeInvalid }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={8} autoFocus size="large" style={{ maxWidth: 220 }} />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {error !== null && error !== undefined && <Alert type="error" showIcon role="alert" title={problemMessage(error, m)} />}
          <Button type="primary" htmlType="submit" loading={pending}>
            {m.desk.otp.submit}
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
