import { z } from 'zod';
import {
  DEFAULT_PASSWORD_POLICY,
  MethodKindSchema,
  PasswordPolicySchema,
  SecurityInfoKindSchema,
} from '@resetdesk/shared';
import { CaptchaPolicySchema } from '../captcha/captcha-policy';
import { createNetworkGate } from '../support/network-gate';
import { ThrottlePolicySchema } from '../throttle/throttle-policy';
import { PublicBaseUrlSchema, WasntMePolicySchema } from './wasnt-me-policy';
import { TapPolicySchema } from '../methods/temporary-access-pass/tap-policy';
import { OrganizationQuestionsSchema } from '../methods/security-questions/organization-questions';

// A directory group name as admins type it (matched case-insensitively).
const GroupNameSchema = z.string().trim().min(1).max(256);

// An IPv4 or IPv6 network in CIDR notation (a bare address means that one address); checked again by net.BlockList.
const NetworkSchema = z
  .string()
  .trim()
  .max(64)
  .regex(/^[0-9a-f:.]+(\/\d{1,3})?$/iu, 'an IP address or CIDR network')
  .refine(
    (network) => {
      try {
        createNetworkGate([network]);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'an IP address or CIDR network' },
  );

/** The organisation's reset policy. Every field has a default, so `{}` is a valid (Entra-like) policy. */
export const ResetPolicySchema = z
  .object({
    // Who may use self-service reset (Entra "Self service password reset enabled": None / Selected / All).
    resetEnabledFor: z.enum(['none', 'selected', 'all']).default('all'),
    // With 'selected': members of any of these groups may reset.
    resetGroups: z.array(GroupNameSchema).max(100).default([]),
    // Members of these groups are privileged accounts: always two gates, never security questions (Entra's
    // administrator reset policy), and the admins are told when one resets.
    adminGroups: z.array(GroupNameSchema).max(100).default(['Administrators']),
    // Where the helpdesk receives "contact your administrator" messages and admin-reset notices (email).
    helpdeskEmail: z.email().max(320).optional(),
    // How many different methods a user must pass (Entra: 1 or 2). Admin accounts always need 2.
    gatesRequired: z.number().int().min(1).max(2).default(1),
    methods: z.array(MethodKindSchema).min(1).default(['email']),
    // A user must have registered at least this many of the allowed methods before reset works for them (Entra
    // "number of methods required to register"); fewer gives "We can't verify your account".
    registrationRequired: z.boolean().default(true),
    methodsToRegister: z.number().int().min(1).max(5).default(1),
    // Security info (issue 14): whether people may sign in to register their methods here ("Set up security info" on
    // the first screen), which kinds they may register, and after how many days they must confirm them again
    // (Entra: 0-730, 0 never). methodsToRegister is the number required, while registrationRequired holds.
    registrationAllowed: z.boolean().default(true),
    registrationMethods: z.array(SecurityInfoKindSchema).max(6).default(['email', 'phone', 'questions', 'totp',
      'approval', 'passkey']),
    reconfirmationDays: z.number().int().min(0).max(730).default(180),
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
    // The organisation's own questions, offered beside the built-in ones when people register.
    organizationQuestions: OrganizationQuestionsSchema.default([]),
    // How long a method stays closed for the user after too many wrong answers (the reset path, never the account).
    methodLockMinutes: z.number().int().min(1).max(24 * 60).default(30),
    // An authenticator approval expires after 2 minutes; a voice call rings this long before it counts as unanswered.
    approvalLifetimeSeconds: z.number().int().min(30).max(300).default(120),
    voiceCallSeconds: z.number().int().min(20).max(300).default(60),
    flowLifetimeMinutes: z.number().int().min(5).max(60).default(15),
    unlockOnReset: z.boolean().default(true),
    // The directory's mail and mobile serve as the email, SMS and voice methods, as Entra uses synced authentication
    // contact info. Off: only what people registered in ResetDesk counts (notices still go to the directory's mail).
    directoryContactMethods: z.boolean().default(true),
    // "I know my password but my account is locked": unlock after the same verification as a reset.
    unlockAllowed: z.boolean().default(true),
    // "Change password" with the old one (offered on the first screen only when allowed).
    changeAllowed: z.boolean().default(true),
    passwordPolicy: PasswordPolicySchema.default(DEFAULT_PASSWORD_POLICY),
    organizationName: z.string().trim().min(1).max(200).default('ResetDesk'),
    // A web page or a mailto: address; shown on every "contact your administrator" screen.
    contactAdminUrl: z
      .url({ protocol: /^(https?|mailto)$/u })
      .max(500)
      .optional(),
    // The organisation's mail domain: decoy flows for unknown names show an address in it, like real users do.
    emailDomain: z
      .string()
      .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/iu)
      .max(200)
      .optional(),
    // More of the tenant's domain names (besides emailDomain): `DOMAIN\\name` is accepted only for these (or their
    // first label, the NetBIOS name), and the decoy keys `name@domain` like `name`.
    domainNames: z
      .array(z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*$/iu).max(200))
      .max(50)
      .default([]),
    // Only enrolled desktop devices may use the API (signed requests; see src-server/src/devices).
    requireEnrolledDevices: z.boolean().default(false),
    // On (default): unknown names get a decoy flow that looks like a real one and fails only at verification. Off:
    // unknown names get "We can't verify your account" at once (clearer for users, but tells anyone who exists).
    enumerationProtection: z.boolean().default(true),
    // Networks resets may come from (empty: anywhere). Others get DEVICE_NOT_ALLOWED.
    allowedClientNetworks: z.array(NetworkSchema).max(200).default([]),
    // This server's address as people's browsers reach it (https, or http on a loopback host), without a trailing
    // slash: account notices link to its "This wasn't me" page. Absent: notices carry no link rather than a wrong one.
    publicBaseUrl: PublicBaseUrlSchema.optional(),
    // What a confirmed "This wasn't me" does besides holding self-service: nothing more, "must change at next
    // sign-in", or disable the account (where the directory can; the hold stands either way).
    wasntMe: WasntMePolicySchema.default(WasntMePolicySchema.parse({})),
    throttle: ThrottlePolicySchema.default(ThrottlePolicySchema.parse({})),
    captcha: CaptchaPolicySchema.default(CaptchaPolicySchema.parse({})),
    // Temporary Access Passes: the lifetimes the helpdesk may issue (as a reset proof: 'tap' in methods).
    temporaryAccessPass: TapPolicySchema.default(TapPolicySchema.parse({})),
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
