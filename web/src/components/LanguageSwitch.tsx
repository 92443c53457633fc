/** Tiếng Việt / English, on every page (plain buttons: the citizen page carries no Ant Design menu for this). */
import { useI18n } from '../i18n/i18n.tsx';
import type { Language } from '../i18n/messages.ts';
import './language-switch.css';

const LANGUAGES: readonly { id: Language; label: string }[] = [
  { id: 'vi', label: 'VI' },
  { id: 'en', label: 'EN' },
];

export function LanguageSwitch() {
  const { language, setLanguage, m } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={m.app.language}>
      {LANGUAGES.map(({ id, label }) => (
        <button key={id} type="button" lang={id} aria-pressed={language === id} onClick={() => setLanguage(id)}>
          {label}
        </button>
      ))}
    </div>
  );
}
