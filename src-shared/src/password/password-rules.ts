import type { PasswordRejectionReason } from '../errors/error-codes';
import type { PasswordPolicy } from './password-policy';
import { requiredCharacterClasses } from './password-policy';
import { userNamesIn } from './normalise';

export type CharacterClass = 'lowercase' | 'uppercase' | 'digit' | 'symbol';

/** One line of the live hints: which rule, whether the typed password meets it yet. */
export interface RuleCheck {
  rule: 'minLength' | 'maxLength' | 'characterClasses' | 'noUserName' | 'validCharacters';
  met: boolean;
  reason: PasswordRejectionReason;
}

export interface RuleEvaluation {
  ok: boolean;
  checks: RuleCheck[];
  reasons: PasswordRejectionReason[];
  classesPresent: CharacterClass[];
}

// Control characters cannot be typed on a sign-in screen and break some directories.
const CONTROL_CHARACTERS = /\p{Cc}/u;

export function characterClassesOf(password: string): CharacterClass[] {
  const present = new Set<CharacterClass>();
  for (const ch of password) {
    if (/\p{Ll}/u.test(ch)) present.add('lowercase');
    else if (/\p{Lu}/u.test(ch)) present.add('uppercase');
    else if (/\p{Nd}/u.test(ch)) present.add('digit');
    else if (!/\s/u.test(ch) || ch === ' ') present.add('symbol');
  }
  return (['lowercase', 'uppercase', 'digit', 'symbol'] as const).filter((c) => present.has(c));
}

/**
 * The rules both the live hints and the server apply. The server adds checks that need data the client does not have
 * (banned list), but never loosens these: a password this function rejects is rejected everywhere.
 * Length counts Unicode code points, as a person counts characters.
 */
export function evaluatePassword(
  password: string,
  policy: PasswordPolicy,
  userNames: readonly string[] = [],
): RuleEvaluation {
  const length = [...password].length;
  const classesPresent = characterClassesOf(password);
  const checks: RuleCheck[] = [
    { rule: 'minLength', met: length >= policy.minLength, reason: 'TOO_SHORT' },
    { rule: 'maxLength', met: length <= policy.maxLength, reason: 'TOO_LONG' },
    {
      rule: 'characterClasses',
      met: classesPresent.length >= requiredCharacterClasses(policy),
      reason: 'MISSING_CHARACTER_CLASSES',
    },
    { rule: 'validCharacters', met: !CONTROL_CHARACTERS.test(password), reason: 'INVALID_CHARACTERS' },
  ];
  if (policy.disallowUserName) {
    checks.push({
      rule: 'noUserName',
      met: userNamesIn(password, userNames).length === 0,
      reason: 'CONTAINS_USER_NAME',
    });
  }
  const reasons = checks.filter((c) => !c.met).map((c) => c.reason);
  return { ok: reasons.length === 0, checks, reasons, classesPresent };
}
