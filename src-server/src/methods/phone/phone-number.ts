import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

// A text message needs a phone that can receive one; a call reaches any valid number.
const TEXTABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER']);

/**
 * The number as E.164 (+31612345678), or null when it is not a valid number (with the full metadata, so lengths and
 * prefixes are checked per country) or, for `sms`, not one that takes text messages.
 */
export function toE164(typed: string, country: string | undefined, via: 'sms' | 'voice'): string | null {
  const parsed = parsePhoneNumberFromString(typed, country as CountryCode | undefined);
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  if (via === 'sms' && type !== undefined && !TEXTABLE.has(type)) return null;
  return parsed.number;
}

/** The code's digits one by one ("1, 2, 3"), for a voice to read out as digits. */
export function spokenDigits(code: string): string {
  return [...code].join(', ');
}
