import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { createTranslator, loadedMessages, loadMessages, type Language, type Translator } from './translator';

interface I18nContextValue {
  t: Translator;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18nContextValue | null>(null);

/** `initialLanguage` must be loaded (main.tsx loads it before the first render); later switches load on demand. */
export function I18nProvider({ initialLanguage, children }: { initialLanguage: Language; children: ReactNode }) {
  const [language, setCurrent] = useState<Language>(initialLanguage);
  // The last language asked for wins, even if an earlier one finishes loading after it.
  const wanted = useRef<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    wanted.current = next;
    if (loadedMessages(next)) {
      setCurrent(next);
      return;
    }
    void loadMessages(next).then(() => {
      if (wanted.current === next) setCurrent(next);
    });
  }, []);
  const value = useMemo(() => ({ t: createTranslator(language), setLanguage }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nContextValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n must be used inside <I18nProvider>');
  return value;
}
