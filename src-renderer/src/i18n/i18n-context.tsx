import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { createTranslator, type Language, type Translator } from './translator';

interface I18nContextValue {
  t: Translator;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18nContextValue | null>(null);

export function I18nProvider({ initialLanguage, children }: { initialLanguage: Language; children: ReactNode }) {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const value = useMemo(() => ({ t: createTranslator(language), setLanguage }), [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
