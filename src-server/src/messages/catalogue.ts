import { matchLanguage, type LanguageCode } from '@resetdesk/shared';
import { en, type ServerMessages } from './en';
import { nl } from './nl';

/** One catalogue per language the wizard speaks (src-shared i18n/languages.ts); adding one is a file plus a line. */
const CATALOGUES: Record<LanguageCode, ServerMessages> = { en, nl };

/**
 * The messages for a flow's stored locale (a BCP 47 tag from the wizard, or null for an older flow): the best language
 * we speak, English otherwise. Every email, SMS, voice prompt and page the server writes goes through this.
 */
export function messagesFor(locale: string | null | undefined): ServerMessages {
  return CATALOGUES[matchLanguage([locale])];
}

export type { ServerMessages } from './en';
