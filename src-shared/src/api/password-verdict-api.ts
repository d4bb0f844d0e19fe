import { z } from 'zod';
import { PasswordFindingsSchema, PasswordRejectionReasonSchema } from '../errors/error-codes';

/**
 * The server's verdict on a password being typed, asked for live at the new-password step of a verified reset flow
 * (POST ROUTES.checkPassword, IPC checkPassword). The same check as the final setPassword, less the
 * history (one scrypt per remembered password is too dear per keystroke), so hints and the answer never disagree.
 */
export const PasswordVerdictSchema = z
  .object({
    ok: z.boolean(),
    reasons: z.array(PasswordRejectionReasonSchema),
    findings: PasswordFindingsSchema.optional(),
  })
  .strict();
export type PasswordVerdict = z.infer<typeof PasswordVerdictSchema>;

/** Live verdicts per flow and minute: enough for a person typing (the wizard debounces), not for a guessing bot. */
export const PASSWORD_VERDICTS_PER_MINUTE = 30;
