import type { ApiError } from '@resetdesk/shared';
import type { Translator } from '../../i18n/translator';

/** The server's refusal of what was typed into an add form, as the field's message (title and what to do). */
export function serverProblem(t: Translator, error: ApiError | null): string | undefined {
  if (!error) return undefined;
  const texts = t.m.errors[error.code];
  return `${texts.title}. ${texts.action}`;
}
