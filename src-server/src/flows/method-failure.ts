import type { ErrorCode, ErrorDetails, MethodOption } from '@resetdesk/shared';
import type { ChallengeCheck } from '../methods/verification-method';

interface VerificationFailure {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** What a failed check means for the person, in the words of the method they used. */
export function failureOf(kind: MethodOption['kind'], check: Exclude<ChallengeCheck, { result: 'ok' | 'pending' }>): VerificationFailure {
  switch (check.result) {
    case 'invalid':
      return kind === 'questions'
        ? { code: 'ANSWERS_REJECTED', message: 'The answers were not accepted.', details: { attemptsLeft: check.attemptsLeft } }
        : { code: 'CODE_INVALID', message: 'The code is not correct.', details: { attemptsLeft: check.attemptsLeft } };
    case 'attempts_exceeded':
      return { code: 'CODE_ATTEMPTS_EXCEEDED', message: 'Too many wrong answers: this method is locked.', details: { attemptsLeft: 0 } };
    case 'denied':
      return kind === 'voice'
        ? { code: 'CALL_NOT_ANSWERED', message: 'The call ended without approval.' }
        : { code: 'APPROVAL_DENIED', message: 'The request was denied in the authenticator app.' };
    case 'expired':
      if (kind === 'voice') return { code: 'CALL_NOT_ANSWERED', message: 'The call was not answered in time.' };
      if (kind === 'approval') return { code: 'APPROVAL_EXPIRED', message: 'The request was not approved in time.' };
      return { code: 'CODE_EXPIRED', message: 'The code has expired: ask for a new one.' };
  }
}
