/**
 * The languages ResetDesk speaks, for the wizard and for the server's own messages (emails, SMS, voice prompts, the
 * approver page). Adding a language is one line here plus one message file per side (the renderer's wizard texts and
 * the server's catalogue), each typed by its English file.
 */
export interface LanguageInfo {
  /** BCP 47 primary language subtag: what a stored flow locale or a browser preference is matched on. */
  readonly code: string;
  /** The language's name in itself, as the language switch shows it. */
  readonly ownName: string;
  readonly direction: 'ltr' | 'rtl';
}

export const LANGUAGES = [
  { code: 'en', ownName: 'English', direction: 'ltr' },
  { code: 'nl', ownName: 'Nederlands', direction: 'ltr' },
] as const satisfies readonly LanguageInfo[];

export type LanguageCode = (typeof LANGUAGES)[number]['code'];
export const DEFAULT_LANGUAGE: LanguageCode = 'en';
export const LANGUAGE_CODES: readonly LanguageCode[] = LANGUAGES.map((l) => l.code);

export function languageInfo(code: LanguageCode): LanguageInfo {
  return LANGUAGES.find((l) => l.code === code) ?? LANGUAGES[0];
}

/** The first of the preferences (BCP 47 tags, best first) that we speak, by primary subtag; English otherwise. */
export function matchLanguage(preferred: readonly (string | null | undefined)[]): LanguageCode {
  for (const tag of preferred) {
    if (!tag) continue;
    const base = tag.toLowerCase().split(/[-_]/u)[0];
    const found = LANGUAGES.find((l) => l.code === base);
    if (found) return found.code;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * Plural category of `count` by the language's CLDR rules (Intl.PluralRules, which every supported runtime has); a
 * message lists `one` and `other`, and `other` stands in for the categories a language's file does not list.
 */
export function pluralCategory(code: LanguageCode, count: number): Intl.LDMLPluralRule {
  return new Intl.PluralRules(code).select(count);
}
