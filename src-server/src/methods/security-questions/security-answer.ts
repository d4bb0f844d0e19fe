import { SECURITY_ANSWER_MAX_LENGTH, SECURITY_ANSWER_MIN_LENGTH } from '@resetdesk/shared';

/**
 * One canonical form per answer, so "  Den  Haag" typed on a phone matches "den haag" typed at registration:
 * Unicode NFKC (full-width letters, ligatures and composed accents become one form), lowercase, runs of white space
 * as one space, trimmed.
 */
export function normalizeAnswer(answer: string): string {
  return answer.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export type AnswerProblem = 'TOO_SHORT' | 'TOO_LONG';

export function answerProblem(normalized: string): AnswerProblem | null {
  const length = [...normalized].length;
  if (length < SECURITY_ANSWER_MIN_LENGTH) return 'TOO_SHORT';
  if (length > SECURITY_ANSWER_MAX_LENGTH) return 'TOO_LONG';
  return null;
}
