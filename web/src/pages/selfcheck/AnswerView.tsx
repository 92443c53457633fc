/** The self-check's answer: its structured content in the page's language, then the 1414 reply's own text. */
import type { SelfCheckAnswer } from '../../hooks/selfcheck.ts';
import { useMessages } from '../../i18n/i18n.tsx';
import { formatInstant } from '../../format.ts';

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="sc-row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

export function AnswerView({ answer }: { answer: SelfCheckAnswer }) {
  const m = useMessages();
  const t = m.selfCheck;
  const { owner, status, lines } = answer;
  const lock = status && (status.lockState === 'ordered' ? t.locksOrdered : t.locks)[status.lock];
  return (
    <>
      <h2 className="sc-title">{answer.kind === 'reported' ? t.reported : t.answerTitle}</h2>
      <dl className="sc-facts">
        <Row label={t.msisdn} value={answer.msisdn} />
        {owner && (
          <>
            <Row label={t.fullName} value={owner.fullName} />
            <Row label={t.birthDate} value={owner.birthDate} />
            <Row label={t.documentTypes[owner.documentType]} value={owner.documentNumber} />
          </>
        )}
        {status && <Row label={t.state} value={[t.states[status.verification], lock].filter(Boolean).join(' · ')} />}
        {lines && <Row label={t.document} value={t.lines(lines.carrier, lines.total)} />}
      </dl>
      {status?.nextStep && <p className="sc-warning">{t.nextStep(t.steps[status.nextStep.step], formatInstant(status.nextStep.dueAt))}</p>}
      {lines && lines.shown.length > 0 && <p className="sc-note">{lines.shown.join(', ')}</p>}
      <figure className="sc-sms">
        <figcaption>{t.smsText}</figcaption>
        <blockquote>{answer.text}</blockquote>
      </figure>
    </>
  );
}
