/**
 * Sign-in: username and password; a second-factor code when the service asks for one
 * (TOTP_REQUIRED); a countdown while sign-in is slowed after failures (SIGN_IN_SLOWED). Then back
 * to the page that sent the person here (the shell then asks for a pending first-sign-in step).
 */
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiProblem, problemMessage } from '../../api/problem.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useCountdown } from '../../hooks/countdown.ts';
import { useSession, useSignIn } from '../../hooks/session.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { CITIZEN_PATH, returnPathAfterSignIn } from '../../paths.ts';
import { HOME_PATH } from '../staff-pages.tsx';
import './sign-in.css';

interface SignInForm {
  username: string;
  password: string;
  totp?: string;
}

export default function SignInPage() {
  const m = useMessages();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const session = useSession();
  const signIn = useSignIn();
  const [askTotp, setAskTotp] = useState(false);
  const [waitSeconds, startWait] = useCountdown();
  const next = returnPathAfterSignIn(search.get('next'), HOME_PATH);

  if (session.data) return <Navigate to={next} replace />;

  const onFinish = ({ username, password, totp }: SignInForm) =>
    signIn.mutate(
      { username, password, ...(askTotp && totp ? { totp } : {}) },
      {
        onSuccess: () => void navigate(next, { replace: true }),
        onError: (error) => {
          if (!(error instanceof ApiProblem)) return;
          if (error.code === 'TOTP_REQUIRED') setAskTotp(true);
          if (error.code === 'SIGN_IN_SLOWED') startWait(error.retryAfter ?? 30);
        },
      },
    );

  const error = signIn.error;
  const slowed = error instanceof ApiProblem && error.code === 'SIGN_IN_SLOWED';
  const asked = error instanceof ApiProblem && error.code === 'TOTP_REQUIRED';
  const alert = slowed ? (waitSeconds > 0 ? m.signIn.slowed(waitSeconds) : undefined) : error && !asked ? problemMessage(error, m) : undefined;

  return (
    <main className="sign-in">
      <div className="sign-in-top">
        <LanguageSwitch />
      </div>
      <section className="sign-in-card">
        <Typography.Text type="secondary">{m.app.title}</Typography.Text>
        <Typography.Title level={2} className="sign-in-title">
          {m.signIn.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{m.signIn.subtitle}</Typography.Paragraph>
        <Form<SignInForm> layout="vertical" requiredMark={false} onFinish={onFinish} disabled={signIn.isPending}>
          <Form.Item name="username" label={m.signIn.username} rules={[{ required: true, message: m.signIn.required }]}>
            <Input autoComplete="username" autoCapitalize="none" autoFocus size="large" />
          </Form.Item>
          <Form.Item name="password" label={m.signIn.password} rules={[{ required: true, message: m.signIn.required }]}>
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          {askTotp && (
            <Form.Item name="totp" label={m.signIn.totp} extra={m.signIn.totpHint} rules={[{ required: true, message: m.signIn.required }]}>
              <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="large" autoFocus />
            </Form.Item>
          )}
          {alert && <Alert type="error" showIcon title={alert} className="sign-in-alert" role="alert" />}
          <Button type="primary" htmlType="submit" size="large" block loading={signIn.isPending} disabled={waitSeconds > 0}>
            {m.signIn.submit}
          </Button>
        </Form>
      </section>
      {/* Another app (the citizen's page), so a page load rather than a route. */}
      <a className="sign-in-citizen" href={CITIZEN_PATH}>
        {m.signIn.citizenLink}
      </a>
    </main>
  );
}
