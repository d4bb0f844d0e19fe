import { en } from './messages/en';
import { nl } from './messages/nl';
import type { Messages, PluralForms } from './messages/messages-type';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

const MESSAGES: Record<Language, Messages> = { en, nl };

export type MessageParams = Readonly<Record<string, string | number>>;

/** Replaces `{name}` with params.name; an unknown placeholder stays visible so a missing value is noticed in review. */
export function interpolate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/gu, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Dutch for any nl* preference (nl-NL, nl-BE), otherwise English: the first preference we support wins. */
export function detectLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/u)[0];
    if (base === 'nl') return 'nl';
    if (base === 'en') return 'en';
  }
  return 'en';
}

export interface Translator {
  readonly language: Language;
  readonly m: Messages;
  format(template: string, params?: MessageParams): string;
  /** Picks the plural form for `count` (exposed to the template as {count}) by the language's plural rules. */
  plural(forms: PluralForms, count: number, params?: MessageParams): string;
  formatTime(date: Date): string;
}

export function createTranslator(language: Language): Translator {
  // Made on first use: building Intl formatters loads locale data, which the first screen never needs before it
  // takes typing.
  let pluralRules: Intl.PluralRules | undefined;
  let timeFormat: Intl.DateTimeFormat | undefined;
  return {
    language,
    m: MESSAGES[language],
    format: interpolate,
    plural(forms, count, params = {}) {
      pluralRules ??= new Intl.PluralRules(language);
      const category = pluralRules.select(count);
      const template = category === 'one' ? forms.one : forms.other;
      return interpolate(template, { ...params, count });
    },
    formatTime(date) {
      timeFormat ??= new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
      return timeFormat.format(date);
    },
  };
}
