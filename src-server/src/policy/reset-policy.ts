import { z } from 'zod';
import { DEFAULT_PASSWORD_POLICY, MethodKindSchema, PasswordPolicySchema } from '@resetdesk/shared';

/** The organisation's reset policy. Every field has a default, so `{}` is a valid (Entra-like) policy. */
export const ResetPolicySchema = z
  .object({
    // How many different methods a user must pass (Entra: 1 or 2).
    gatesRequired: z.number().int().min(1).max(2).default(1),
    methods: z.array(MethodKindSchema).min(1).default(['email']),
    // The shared contract promises codes live 10 minutes at most.
    codeLifetimeMinutes: z.number().int().min(1).max(10).default(10),
    codeLength: z.number().int().min(6).max(10).default(6),
    maxCodeAttempts: z.number().int().min(1).max(10).default(5),
    // Codes one flow may send per method, so a flow cannot be used to flood someone's mailbox.
    maxCodeSends: z.number().int().min(1).max(20).default(5),
    // Security questions: how many a user registers, how many a reset asks (picked at random), wrong sets allowed.
    questionsToRegister: z.number().int().min(3).max(5).default(3),
    questionsAsked: z.number().int().min(3).max(5).default(3),
    maxAnswerAttempts: z.number().int().min(1).max(10).default(3),
    // How long a method stays closed for the user after too many wrong answers (the reset path, never the account).
    methodLockMinutes: z.number().int().min(1).max(24 * 60).default(30),
    // An authenticator approval expires after 2 minutes; a voice call rings this long before it counts as unanswered.
    approvalLifetimeSeconds: z.number().int().min(30).max(300).default(120),
    voiceCallSeconds: z.number().int().min(20).max(300).default(60),
    flowLifetimeMinutes: z.number().int().min(5).max(60).default(15),
    unlockOnReset: z.boolean().default(true),
    // "I know my password but my account is locked": unlock after the same verification as a reset.
    unlockAllowed: z.boolean().default(true),
    // "Change password" with the old one (offered on the first screen only when allowed).
    changeAllowed: z.boolean().default(true),
    passwordPolicy: PasswordPolicySchema.default(DEFAULT_PASSWORD_POLICY),
    organizationName: z.string().trim().min(1).max(200).default('ResetDesk'),
    contactAdminUrl: z.url({ protocol: /^https?$/u }).max(500).optional(),
    // The organisation's mail domain: decoy flows for unknown names show an address in it, like real users do.
    emailDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/iu)
      .max(200)
      .optional(),
    // Only enrolled desktop devices may use the API (signed requests; see src-server/src/devices).
    requireEnrolledDevices: z.boolean().default(false),
  })
  .strict()
  .refine((policy) => policy.questionsAsked <= policy.questionsToRegister, {
    message: 'questionsAsked cannot be more than questionsToRegister',
    path: ['questionsAsked'],
  });

export type ResetPolicy = z.output<typeof ResetPolicySchema>;
export type ResetPolicyInput = z.input<typeof ResetPolicySchema>;

export function resetPolicy(input: ResetPolicyInput = {}): ResetPolicy {
  return ResetPolicySchema.parse(input);
}
