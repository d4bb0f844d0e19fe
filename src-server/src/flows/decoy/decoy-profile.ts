import { z } from 'zod';
import { MethodKindSchema, SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import { GENERIC_APPROVAL_LABEL } from '../../methods/authenticator-approval/approval-label';
import { DecoyRandom } from './decoy-random';
import type { MethodDistribution } from './decoy-population';

/**
 * Everything a decoy flow shows in place of a registered account: which methods, and the details those methods mask.
 * It is drawn the first time a name is seen and kept by name (decoy-name-profiles.ts), so it does not reshuffle when
 * the tenant's accounts change, and stored with each flow (decoy_profiles), so it cannot change under the flow.
 * It holds nothing of the typed name beyond the initial a mask would show anyway.
 */
export const DecoyProfileSchema = z
  .object({
    kinds: z.array(MethodKindSchema).min(1),
    // The gates of the account this decoy stands for: an administrator's two, drawn as often as admins occur.
    gatesRequired: z.union([z.literal(1), z.literal(2)]).default(1),
    // An address of the shape the email mask needs (initial@domain) and the last two digits of a phone number.
    email: z.string().max(200),
    phoneDigits: z.string().regex(/^[0-9]{2}$/u),
    approvalLabel: z.string().max(200),
    // The security questions "registered" for this name: predefined keys, with ids shaped like real ones.
    questions: z.array(z.object({ id: z.string(), key: z.enum(SECURITY_QUESTION_KEYS) }).strict()),
  })
  .strict();
export type DecoyProfile = z.output<typeof DecoyProfileSchema>;

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
  return {
    kinds,
    gatesRequired: drawn?.gatesRequired ?? input.fallbackGates,
    email: `${initial}@${domain}`,
    phoneDigits: String(random.below('phone', 100)).padStart(2, '0'),
    approvalLabel: random.weighted('approval-label', distribution.approvalLabels) ?? GENERIC_APPROVAL_LABEL,
    questions,
  };
}
