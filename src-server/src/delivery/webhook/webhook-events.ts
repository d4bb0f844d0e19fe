import { z } from 'zod';

// The gateway's message id, as we sent it (webhook-gateway-channel.ts); its own error codes, never its prose.
const MessageId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/u);
const ErrorCode = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/u)
  .optional();

/**
 * What the organisation's gateway posts back to the events route, signed like our messages to it. Only what a row
 * of the audit log or a call's answer needs is read: anything else in an event is ignored (not refused), so a gateway
 * may send more.
 */
export const WebhookEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('message.delivered'), id: MessageId }),
  z.object({ type: z.literal('message.failed'), id: MessageId, error: ErrorCode }),
  // The keys pressed during the call: "#" confirms, anything else (or nothing) refuses.
  z.object({ type: z.literal('call.answered'), id: MessageId, digits: z.string().max(32) }),
  z.object({ type: z.literal('call.failed'), id: MessageId, error: ErrorCode }),
]);
export type WebhookEvent = z.output<typeof WebhookEventSchema>;
