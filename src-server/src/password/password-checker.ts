import { evaluatePassword } from '@resetdesk/shared';
import type { PasswordPolicy, PasswordRejectionReason } from '@resetdesk/shared';
import { buildBannedTerms, isBannedPassword } from './banned-passwords';

export interface PasswordCheck {
  ok: boolean;
  // Every rule the password breaks, in the shared vocabulary, so the wizard can explain all of them at once.
  reasons: PasswordRejectionReason[];
}

export interface PasswordChecker {
  check(password: string, userNames: readonly string[]): PasswordCheck;
}

export interface PasswordCheckerOptions {
  policy: PasswordPolicy;
  organizationName: string;
  extraBannedTerms?: readonly string[];
}

/** The organisation's own name is the first thing people put in a work password; ban it and its longer words. */
function organizationTerms(organizationName: string): string[] {
  const words = organizationName.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 4);
  return [organizationName.replace(/\s+/gu, ''), ...words];
}

/**
 * The server's password check: exactly the shared rules the live hints show (so the hints never promise more than
 * the server accepts), plus the banned list, which only the server has.
 */
export function createPasswordChecker(options: PasswordCheckerOptions): PasswordChecker {
  const bannedTerms = buildBannedTerms([
    ...organizationTerms(options.organizationName),
    ...(options.extraBannedTerms ?? []),
  ]);
  return {
    check(password, userNames) {
      const reasons = [...evaluatePassword(password, options.policy, userNames).reasons];
      if (isBannedPassword(password, bannedTerms)) reasons.push('BANNED_PASSWORD');
      return { ok: reasons.length === 0, reasons };
    },
  };
}
