import { z } from 'zod';
import { MethodKindSchema, SECURITY_QUESTION_KEYS } from '@resetdesk/shared';

/**
 * Everything a decoy flow shows in place of a registered account: which methods, and the details those methods mask.
 * Its shape lives below the methods that mask it; flows/decoy/ draws it. It is drawn the first time a name is seen and
 * kept by name (flows/decoy/decoy-name-profiles.ts), so it does not reshuffle when the tenant's accounts change, and
 * stored with each flow (decoy_profiles), so it cannot change under the flow.
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
    // Further registered addresses and phones (each its own option), as many as the drawn account had; absent in
    // profiles kept before they were drawn.
    extraEmails: z.array(z.string().max(200)).max(8).optional(),
    extraPhoneDigits: z.array(z.string().regex(/^[0-9]{2}$/u)).max(8).optional(),
    // The drawn account had a default method: which of its first kind's addresses or phones it was (1 the first).
    defaultContact: z.number().int().min(1).max(9).optional(),
  })
  .strict();
export type DecoyProfile = z.output<typeof DecoyProfileSchema>;
