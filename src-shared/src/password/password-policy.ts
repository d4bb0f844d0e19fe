import { z } from 'zod';

/**
 * The organisation's password rules as the server publishes them. Entra's defaults: 8 to 256 characters and three of
 * the four character classes.
 */
export const PasswordPolicySchema = z
  .object({
    minLength: z.number().int().min(1).max(256),
    maxLength: z.number().int().min(8).max(1024),
    // How many of the four classes (lowercase, uppercase, digits, symbols) a password must contain.
    minCharacterClasses: z.number().int().min(0).max(4),
    // The user's own names may not appear in the password (case-insensitive, for parts of 3+ characters).
    disallowUserName: z.boolean(),
  })
  .strict()
  .refine((p) => p.minLength <= p.maxLength, { message: 'minLength must not exceed maxLength' });
export type PasswordPolicy = z.infer<typeof PasswordPolicySchema>;

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  maxLength: 256,
  minCharacterClasses: 3,
  disallowUserName: true,
};
