/** "Thông tin chưa đúng": which parts are wrong (as TTTB SAI, which names none: every part may be left unticked). */
import { useState, type FormEvent } from 'react';
import type { ReportedField } from '../../hooks/selfcheck.ts';
import { useMessages } from '../../i18n/i18n.tsx';

const FIELDS: readonly ReportedField[] = ['full_name', 'birth_date', 'document_number', 'lines', 'other'];

export function ReportForm({ pending, onSend, onCancel }: { pending: boolean; onSend: (wrong: ReportedField[]) => void; onCancel: () => void }) {
  const m = useMessages();
  const [wrong, setWrong] = useState<ReportedField[]>([]);
  const toggle = (field: ReportedField) => setWrong((now) => (now.includes(field) ? now.filter((f) => f !== field) : [...now, field]));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSend(wrong);
  };
  return (
    <form onSubmit={submit}>
      <fieldset className="sc-fields">
        <legend className="sc-title">{m.selfCheck.reportTitle}</legend>
        {FIELDS.map((field) => (
          <label key={field} className="sc-check">
            <input type="checkbox" checked={wrong.includes(field)} onChange={() => toggle(field)} />
            {m.selfCheck.reportFields[field]}
          </label>
        ))}
      </fieldset>
      <div className="sc-actions">
        <button className="sc-button sc-danger" type="submit" disabled={pending}>
          {m.selfCheck.sendReport}
        </button>
        <button className="sc-button" type="button" onClick={onCancel}>
          {m.selfCheck.cancel}
        </button>
      </div>
    </form>
  );
}
