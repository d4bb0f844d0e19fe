import type { z } from 'zod';
import { SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import type { MethodKindSchema } from '@resetdesk/shared';
import type { DecoyProfile } from '../../methods/decoy-profile';
import { GENERIC_APPROVAL_LABEL } from '../../methods/authenticator-approval/approval-label';
import { DecoyRandom } from './decoy-random';
import type { MethodDistribution } from './decoy-population';

export interface DecoyProfileInput {
  key: Buffer;
  // The name as the directory would resolve it (see TenantDomains.canonical): every way of typing it decoys alike.
  canonicalName: string;
  // initial, or initial@domain (decoyPseudonym): what the email mask may show.
  pseudonym: string;
  distribution: MethodDistribution;
  // Used while the tenant has no account to learn from.
  fallbackKinds: readonly z.infer<typeof MethodKindSchema>[];
  fallbackGates: 1 | 2;
  fallbackEmailDomain: string;
  questionsToRegister: number;
}

const DOMAIN_PATTERN = /^[a-z0-9.-]+\.[a-z]{2,}$/u;

export function buildDecoyProfile(input: DecoyProfileInput): DecoyProfile {
  const random = new DecoyRandom(input.key, input.canonicalName);
  const { distribution } = input;
  // Methods and gates are drawn together: an administrator's set comes with an administrator's two gates.
  const drawn = random.weighted('methods', distribution.methodSets);
  const kinds = drawn ? [...drawn.kinds] : [...input.fallbackKinds];
  const at = input.pseudonym.lastIndexOf('@');
  const typedDomain = at >= 0 ? input.pseudonym.slice(at + 1) : '';
  const initial =
    (at >= 0 ? input.pseudonym.slice(0, at) : input.pseudonym) ||
    String.fromCharCode(97 + random.below('initial', 26));
  // A name typed as an address matches a real account by that address, whose mask then shows the typed domain.
  const domain = DOMAIN_PATTERN.test(typedDomain)
    ? typedDomain
    : (random.weighted('email-domain', distribution.emailDomains) ?? input.fallbackEmailDomain);
  const questionCount = Math.min(
    SECURITY_QUESTION_KEYS.length,
    random.weighted('question-count', distribution.questionCounts) ?? input.questionsToRegister,
  );
  const questions = random.pick('questions', SECURITY_QUESTION_KEYS, questionCount).map((key) => ({
    id: random.bytes(`question-id|${key}`).toString('hex').slice(0, 8),
    key,
  }));
  // Further addresses and phones, as many as the drawn account had: made up like the first ones.
  const extraEmails = Array.from({ length: drawn?.extraEmails ?? 0 }, (_, i) => {
    const other = String.fromCharCode(97 + random.below(`extra-email-initial|${i}`, 26));
    const otherDomain = random.weighted(`extra-email-domain|${i}`, distribution.extraEmailDomains ?? []) ?? domain;
    return `${other}@${otherDomain}`;
  });
  const extraPhoneDigits = Array.from({ length: drawn?.extraPhones ?? 0 }, (_, i) =>
    String(random.below(`extra-phone|${i}`, 100)).padStart(2, '0'),
  );
  return {
    kinds,
    gatesRequired: drawn?.gatesRequired ?? input.fallbackGates,
    email: `${initial}@${domain}`,
    phoneDigits: String(random.below('phone', 100)).padStart(2, '0'),
    approvalLabel: random.weighted('approval-label', distribution.approvalLabels) ?? GENERIC_APPROVAL_LABEL,
    questions,
    ...(extraEmails.length > 0 ? { extraEmails } : {}),
    ...(extraPhoneDigits.length > 0 ? { extraPhoneDigits } : {}),
    ...(drawn?.defaultContact === undefined ? {} : { defaultContact: drawn.defaultContact }),
  };
}
