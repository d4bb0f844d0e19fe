import type { LanguageCode } from '@resetdesk/shared';
import { matchLanguage } from '@resetdesk/shared';

// The voice Twilio's <Say> speaks each of our languages in (typed by LanguageCode: a new language must name one).
const SAY_LANGUAGE: Record<LanguageCode, string> = { en: 'en-US', nl: 'nl-NL' };

/** The <Say language> for a flow's locale (English when we do not speak it). */
export function sayLanguageOf(locale: string | null | undefined): string {
  return SAY_LANGUAGE[matchLanguage([locale])];
}

/** XML text and attribute escaping: prompts carry the organisation's name, URLs carry `&`. */
export function xmlEscape(text: string): string {
  return text
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;');
}

const say = (text: string, language: string) => `<Say language="${xmlEscape(language)}">${xmlEscape(text)}</Say>`;
const document = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

export interface CallTwimlInput {
  prompt: string;
  // Said when the prompt ended without a key (Twilio goes on past <Gather> then).
  noKey: string;
  language: string;
  // Where Twilio posts the key pressed; null for a call that only speaks (the CLI's test call).
  gatherAction: string | null;
}

/**
 * The call: the prompt inside a one-digit <Gather>, then the fallback words and a hang-up. finishOnKey is empty
 * because its default is # itself, and a # pressed first would then end the input with no digit at all.
 */
export function callTwiml(input: CallTwimlInput): string {
  if (!input.gatherAction) return document(`${say(input.prompt, input.language)}<Hangup/>`);
  const gather =
    `<Gather numDigits="1" finishOnKey="" timeout="8" action="${xmlEscape(input.gatherAction)}" method="POST">` +
    `${say(input.prompt, input.language)}</Gather>`;
  return document(`${gather}${say(input.noKey, input.language)}<Hangup/>`);
}

/** The answer to a gather callback: a few words, then hang up. */
export function goodbyeTwiml(text: string, language: string): string {
  return document(`${say(text, language)}<Hangup/>`);
}
