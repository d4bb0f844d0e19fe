/**
 * Why a directory refused or failed an operation, as a directory adapter reports it. Adapters classify by the
 * directory's codes (AD's data codes, ppolicy's error values), never by message wording, which differs between
 * products and languages. The flows turn each reason into a named error the wizard has a screen for.
 */
export const DIRECTORY_FAILURES = [
  // Cannot reach, connect to, secure or bind to the directory, or it did not answer in time. Retried by itself later.
  'unavailable',
  // The directory's own password policy refused the new password (AD 0000052D: complexity, length or history).
  'policy',
  // Named policy refusals where the directory says which rule (ppolicy's response control).
  'history',
  'too_short',
  'too_young',
  // A change with the person's own old password: the old password is wrong (AD 00000056).
  'wrong_password',
  'locked',
  'disabled',
  'not_found',
  // Anything else (insufficient rights, an unexpected result code): the password is unchanged.
  'refused',
] as const;
export type DirectoryFailure = (typeof DIRECTORY_FAILURES)[number];

export class DirectoryError extends Error {
  override readonly name = 'DirectoryError';
  readonly failure: DirectoryFailure;

  // `message` goes to the server log: it may name a DN or a result code, never a password.
  constructor(failure: DirectoryFailure, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.failure = failure;
  }
}

export function isDirectoryUnavailable(error: unknown): boolean {
  return error instanceof DirectoryError && error.failure === 'unavailable';
}
