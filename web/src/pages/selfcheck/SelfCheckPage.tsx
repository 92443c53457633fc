/**
 * The citizen's self-check, phone-first: the number → a code by SMS → the same answer as texting
 * TTTB to 1414 → "Thông tin chưa đúng" if it is wrong (as TTTB SAI). An unregistered number goes
 * through the same steps and looks the same, so the page tells nothing about the registry that
 * the owner's handset would not. Plain elements styled with Ant Design's default tokens
 * (selfcheck.css): this page is opened on cheap phones and carries no component library.
 */
import { useState, type FormEvent } from 'react';
import { ApiProblem, problemMessage } from '../../api/problem.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useCountdown } from '../../hooks/countdown.ts';
import { useRequestSelfCheckCode, useSelfCheckReport, useSelfCheckWithCode, type ReportedField, type SelfCheckAnswer } from '../../hooks/selfcheck.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { SIGN_IN_PATH } from '../../paths.ts';
import { AnswerView } from './AnswerView.tsx';
import { ReportForm } from './ReportForm.tsx';
import './selfcheck.css';

type Step =
  | { at: 'number' }
  | { at: 'code'; msisdn: string; challengeId: string }
  | { at: 'answer'; answer: SelfCheckAnswer; sessionToken: string | undefined }
  | { at: 'report'; answer: SelfCheckAnswer; sessionToken: string };

/** An error line, with the wait of a limited answer counted down. */
function ErrorLine({ error, waitSeconds }: { error: unknown; waitSeconds: number }) {
  const m = useMessages();
  if (!error) return null;
  const limited = error instanceof ApiProblem && error.retryAfter !== undefined;
  if (limited && waitSeconds === 0) return null;
  const message = problemMessage(error, m);
  return (
    <p className="sc-error" role="alert">
      {limited ? `${/[.!?]$/.test(message) ? message : `${message}.`} ${m.selfCheck.waitFor(waitSeconds)}` : message}
    </p>
  );
}

export default function SelfCheckPage() {
  const m = useMessages();
  const [step, setStep] = useState<Step>({ at: 'number' });
  const [msisdn, setMsisdn] = useState('');
  const [otp, setOtp] = useState('');
  const [waitSeconds, startWait] = useCountdown();
  const requestCode = useRequestSelfCheckCode();
  const check = useSelfCheckWithCode();
  const report = useSelfCheckReport();
  const waitOn = (error: unknown) => {
    if (error instanceof ApiProblem && error.retryAfter !== undefined) startWait(error.retryAfter);
  };

  const sendCode = (event?: FormEvent) => {
    event?.preventDefault();
    check.reset();
    requestCode.mutate(msisdn, {
      onSuccess: ({ challengeId }) => {
        setOtp('');
        setStep({ at: 'code', msisdn, challengeId });
      },
      onError: waitOn,
    });
  };
  const showAnswer = (event: FormEvent, challengeId: string) => {
    event.preventDefault();
    check.mutate(
      { challengeId, otp },
      { onSuccess: (answer) => setStep({ at: 'answer', answer, sessionToken: answer.session?.token }), onError: waitOn },
    );
  };
  const sendReport = (sessionToken: string, wrong: ReportedField[]) =>
    report.mutate({ sessionToken, wrong }, { onSuccess: (answer) => setStep({ at: 'answer', answer, sessionToken: undefined }), onError: waitOn });
  const startOver = () => {
    requestCode.reset();
    check.reset();
    report.reset();
    setMsisdn('');
    setStep({ at: 'number' });
  };

  // A report needs the session the code opened, and an answer about the owner or their lines.
  const reportToken = step.at === 'answer' && (step.answer.kind === 'owner' || step.answer.kind === 'lines') ? step.sessionToken : undefined;

  return (
    <main className="sc">
      <header className="sc-header">
        <h1>{m.selfCheck.title}</h1>
        <LanguageSwitch />
      </header>

      {step.at === 'number' && (
        <form className="sc-card" onSubmit={sendCode}>
          <p>{m.selfCheck.intro}</p>
          <label className="sc-label" htmlFor="sc-msisdn">
            {m.selfCheck.msisdn}
          </label>
          <input
            id="sc-msisdn"
            className="sc-input"
            type="tel"
            inputMode="tel"
            autoComplete="tel-national"
            placeholder={m.selfCheck.msisdnPlaceholder}
            value={msisdn}
            onChange={(e) => setMsisdn(e.target.value)}
            required
            maxLength={32}
          />
          <ErrorLine error={requestCode.error} waitSeconds={waitSeconds} />
          <button className="sc-button sc-primary" type="submit" disabled={requestCode.isPending || waitSeconds > 0 || msisdn.trim() === ''}>
            {m.selfCheck.sendCode}
          </button>
        </form>
      )}

      {step.at === 'code' && (
        <form className="sc-card" onSubmit={(e) => showAnswer(e, step.challengeId)}>
          <p className="sc-note">{m.selfCheck.codeSent(step.msisdn)}</p>
          <label className="sc-label" htmlFor="sc-otp">
            {m.selfCheck.code}
          </label>
          <input
            id="sc-otp"
            className="sc-input sc-otp"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]*"
            maxLength={12}
            value={otp}
            onChange={(e) => setOtp(e.target.value.trim())}
            required
            autoFocus
          />
          <ErrorLine error={check.error ?? requestCode.error} waitSeconds={waitSeconds} />
          <button className="sc-button sc-primary" type="submit" disabled={check.isPending || otp === ''}>
            {m.selfCheck.check}
          </button>
          <div className="sc-links">
            <button className="sc-link" type="button" onClick={() => sendCode()} disabled={requestCode.isPending || waitSeconds > 0}>
              {waitSeconds > 0 ? m.selfCheck.resendIn(waitSeconds) : m.selfCheck.resend}
            </button>
            <button className="sc-link" type="button" onClick={startOver}>
              {m.selfCheck.otherNumber}
            </button>
          </div>
        </form>
      )}

      {step.at === 'answer' && (
        <section className="sc-card" aria-live="polite">
          <AnswerView answer={step.answer} />
          <div className="sc-actions">
            {reportToken !== undefined && (
              <button className="sc-button sc-danger" type="button" onClick={() => setStep({ at: 'report', answer: step.answer, sessionToken: reportToken })}>
                {m.selfCheck.wrong}
              </button>
            )}
            <button className="sc-button" type="button" onClick={startOver}>
              {m.selfCheck.otherNumber}
            </button>
          </div>
        </section>
      )}

      {step.at === 'report' && (
        <section className="sc-card">
          <ReportForm
            pending={report.isPending}
            onSend={(wrong) => sendReport(step.sessionToken, wrong)}
            onCancel={() => setStep({ at: 'answer', answer: step.answer, sessionToken: step.sessionToken })}
          />
          <ErrorLine error={report.error} waitSeconds={waitSeconds} />
        </section>
      )}

      <footer className="sc-footer">
        <a href={SIGN_IN_PATH}>{m.selfCheck.signInLink}</a>
      </footer>
    </main>
  );
}
