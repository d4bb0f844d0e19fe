import { z } from 'zod';
import { ErrorCodeSchema } from '../errors/error-codes';
import { CaptchaSolutionSchema } from './captcha-api';
import { UsernameSchema } from './http-api';

/** "Contact your administrator" from the wizard: the name as typed and what the wizard showed. */
// The CAPTCHA is required by the server whenever the policy has one (help requests are unauthenticated mail).
export const HelpRequestSchema = z
  .object({ username: UsernameSchema, reason: ErrorCodeSchema, captcha: CaptchaSolutionSchema.optional() })
  .strict();
export type HelpRequest = z.infer<typeof HelpRequestSchema>;

// The same answer whether or not the name is known, so a help request tells nobody which names exist.
export const HelpRequestReceivedSchema = z.object({ received: z.literal(true) }).strict();
export type HelpRequestReceived = z.infer<typeof HelpRequestReceivedSchema>;
