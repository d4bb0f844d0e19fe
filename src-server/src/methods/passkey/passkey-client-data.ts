import { z } from 'zod';

const ClientDataSchema = z.object({ challenge: z.string().min(1).max(256), type: z.string().max(64) });

/**
 * The challenge an answer claims to answer, read from its clientDataJSON before any signature is checked: it says
 * which pending ceremony (or which used one: a replay) the answer belongs to. Null when it cannot be read.
 */
export function claimedChallenge(clientDataJSON: string): string | null {
  try {
    const parsed = ClientDataSchema.safeParse(JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data.challenge : null;
  } catch {
    return null;
  }
}
