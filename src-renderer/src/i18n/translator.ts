import { en } from './messages/en';
import type { Messages, PluralForms } from './messages/messages-type';

export const LANGUAGES = ['en', 'nl'] as const;
export type Language = (typeof LANGUAGES)[number];

// English is the type source and ships with the first screen; every other language is a chunk of its own, loaded
// before the first render when it is the person's language, or when they switch to it (a few KB, from disk on a
// kiosk). So an English first screen does not parse every language's texts.
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<Messages>> = {
  nl: async () => (await import('./messages/nl')).nl,
};
const loaded = new Map<Language, Messages>([['en', en]]);

/** The texts of a language, if they are loaded already. */
export function loadedMessages(language: Language): Messages | undefined {
  return loaded.get(language);
}

/** Loads a language's texts (once); English is always there. */
export async function loadMessages(language: Language): Promise<Messages> {
  const ready = loaded.get(language);
  if (ready) return ready;
  const messages = await LOADERS[language as Exclude<Language, 'en'>]();
  loaded.set(language, messages);
  return messages;
}

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

/** A translator for a loaded language (loadMessages first); throws for one that is not loaded, never shows English instead. */
export function createTranslator(language: Language): Translator {
  const messages = loaded.get(language);
  if (!messages) throw new Error(`The ${language} texts are not loaded`);
  // Made on first use: building Intl formatters loads locale data, which the first screen never needs before it
  // takes typing.
  let pluralRules: Intl.PluralRules | undefined;
  let timeFormat: Intl.DateTimeFormat | undefined;
  return {
    language,
    m: messages,
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
