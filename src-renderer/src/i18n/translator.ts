// The registry on its own: the package's index would bring zod and every schema into the first screen.
import { DEFAULT_LANGUAGE, LANGUAGES, matchLanguage, pluralCategory, type LanguageCode } from '@resetdesk/shared/languages';
import en from './languages/en.json';
import type { Messages, PluralForms, RequiredTexts } from './messages';

export { LANGUAGES };
export type Language = LanguageCode;

// English is the type source and ships with the first screen; every other language is a chunk of its own, loaded
// before the first render when it is the person's language, or when they switch to it (a few KB, from disk on a
// kiosk). So an English first screen does not parse every language's texts. A new languages/<code>.json is found here
// by itself.
const FILES = import.meta.glob<Messages>(['./languages/*.json', '!./languages/en.json'], { import: 'default' });
const loaded = new Map<Language, Messages>([[DEFAULT_LANGUAGE, en satisfies RequiredTexts]]);

/** The texts of a language, if they are loaded already. */
export function loadedMessages(language: Language): Messages | undefined {
  return loaded.get(language);
}

/** Loads a language's texts (once); English is always there. */
export async function loadMessages(language: Language): Promise<Messages> {
  const ready = loaded.get(language);
  if (ready) return ready;
  const load = FILES[`./languages/${language}.json`];
  if (!load) throw new Error(`There is no languages/${language}.json`);
  const messages = await load();
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

/** The first preference (BCP 47 tags, best first) that the registry has, by primary subtag (nl-BE is Dutch); English otherwise. */
export function detectLanguage(preferred: readonly string[]): Language {
  return matchLanguage(preferred);
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
  let timeFormat: Intl.DateTimeFormat | undefined;
  return {
    language,
    m: messages,
    format: interpolate,
    plural(forms, count, params = {}) {
      const template = forms[pluralCategory(language, count)] ?? forms.other;
      return interpolate(template, { ...params, count });
    },
    formatTime(date) {
      timeFormat ??= new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
      return timeFormat.format(date);
    },
  };
}
