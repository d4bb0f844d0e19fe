import { evaluatePassword } from '@resetdesk/shared';
import type { PasswordFindings, PasswordPolicy, PasswordRejectionReason } from '@resetdesk/shared';
import { BannedTermChecker, globalBannedTerms, tenantTerms } from './banned/banned-terms';
import type { BreachedList } from './breached/breached-list';

export interface PasswordCheck {
  ok: boolean;
  // Every rule the password breaks, in the shared vocabulary, so the wizard can explain all of them at once.
  reasons: PasswordRejectionReason[];
  // What the banned-term scoring found (always filled, so a CLI or the live verdict can show the score).
  findings: PasswordFindings;
}

export interface PasswordChecker {
  check(password: string, userNames: readonly string[]): PasswordCheck;
}

export interface PasswordCheckerOptions {
  policy: PasswordPolicy;
  organizationName: string;
  // The organisation's custom list (policy banned add), as stored.
  customBannedTerms?: readonly string[];
  // Breached and common passwords; none checked without it.
  breached?: BreachedList;
}

/**
 * The server's password check: exactly the shared rules the live hints show (so the hints never promise more than
 * the server accepts), then Entra's banned-term scoring over the global list, the custom list and the tenant's name,
 * then the breached list. Never throws on any string: the rules and the scoring are total functions.
 */
export function createPasswordChecker(options: PasswordCheckerOptions): PasswordChecker {
  const banned = new BannedTermChecker([
    ...globalBannedTerms(),
    ...tenantTerms(options.organizationName),
    ...(options.customBannedTerms ?? []),
  ]);
  return {
    check(password, userNames) {
      const reasons = [...evaluatePassword(password, options.policy, userNames).reasons];
      const verdict = banned.check(password);
      if (verdict.banned) reasons.push('BANNED_PASSWORD');
      if (options.breached?.contains(password)) reasons.push('BREACHED_PASSWORD');
      return {
        ok: reasons.length === 0,
        reasons,
        findings: { bannedTerms: verdict.terms, points: verdict.points, pointsNeeded: verdict.needed },
      };
    },
  };
}
