import { z } from 'zod';

/**
 * How composition is judged. `entra`: Entra ID's cloud rules (8 to 256 characters, three of the four character
 * classes), the default. `nist`: NIST SP 800-63B (a minimum length, no composition rules, at least 64 characters
 * allowed), where length and the banned and breached lists do the work, so `correct horse battery staple` passes.
 */
export const PasswordCompositionSchema = z.enum(['entra', 'nist']);
export type PasswordComposition = z.infer<typeof PasswordCompositionSchema>;

/** NIST 800-63B: verifiers must allow at least 64 characters and require at least 8. */
export const NIST_MIN_ALLOWED_MAX_LENGTH = 64;
export const NIST_MIN_LENGTH = 8;

/**
 * The organisation's password rules as the server publishes them. Entra's defaults: 8 to 256 characters and three of
 * the four character classes.
 */
export const PasswordPolicySchema = z
  .object({
    composition: PasswordCompositionSchema.default('entra'),
    minLength: z.number().int().min(1).max(256),
    maxLength: z.number().int().min(8).max(1024),
    // How many of the four classes (lowercase, uppercase, digits, symbols) a password must contain (entra only).
    minCharacterClasses: z.number().int().min(0).max(4),
    // The user's own names may not appear in the password (after normalisation, for parts of 4+ characters).
    disallowUserName: z.boolean(),
    // The built-in directory refuses the last N passwords (the current one included); 0 turns history off, which
    // keeps Entra's rule that a reset may set the current password again (a change never may).
    historyCount: z.number().int().min(0).max(24).default(0),
  })
  .strict()
  .refine((p) => p.minLength <= p.maxLength, { message: 'minLength must not exceed maxLength' })
  .refine((p) => p.composition !== 'nist' || p.maxLength >= NIST_MIN_ALLOWED_MAX_LENGTH, {
    message: `NIST 800-63B mode must allow at least ${NIST_MIN_ALLOWED_MAX_LENGTH} characters`,
  })
  .refine((p) => p.composition !== 'nist' || p.minLength >= NIST_MIN_LENGTH, {
    message: `NIST 800-63B mode needs a minimum length of at least ${NIST_MIN_LENGTH}`,
  });
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  composition: 'entra',
  minLength: 8,
  maxLength: 256,
  minCharacterClasses: 3,
  disallowUserName: true,
  historyCount: 0,
};

/** The character classes the policy requires: none in NIST mode, whatever the number says. */
export function requiredCharacterClasses(policy: PasswordPolicy): number {
  return policy.composition === 'nist' ? 0 : policy.minCharacterClasses;
}
