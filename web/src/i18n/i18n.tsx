/**
 * The language of the app: Vietnamese unless the person switched to English (kept in the
 * browser), and the catalogue of that language for every text on the page.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { CATALOGUES, type Language, type Messages } from './messages.ts';

const STORAGE_KEY = 'tttb.language';

interface I18n {
  language: Language;
  m: Messages;
  setLanguage: (language: Language) => void;
}

const I18nContext = createContext<I18n | null>(null);

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    // Storage refused (private mode, a locked-down browser): the default language.
    return 'vi';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(storedLanguage);
  useEffect(() => {
    document.documentElement.lang = language;
    try {
      localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Not kept across visits; the switch still works on this page.
    }
  }, [language]);
  const value = useMemo(() => ({ language, m: CATALOGUES[language], setLanguage }), [language]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** The texts of the page's language. */
export function useMessages(): Messages {
  return useI18n().m;
}
