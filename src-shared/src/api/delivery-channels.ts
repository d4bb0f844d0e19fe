import { z } from 'zod';

/** The ways a message leaves the reset server (push: to an approver device). */
export const DeliveryChannelSchema = z.enum(['email', 'sms', 'voice', 'push']);
export type DeliveryChannel = z.infer<typeof DeliveryChannelSchema>;

/** The channels that are down now (the chooser says one line per channel): never more than there are channels. */
export const UnavailableChannelsSchema = z.array(DeliveryChannelSchema).max(4);

/** One channel's state in the server's health report: no address, host or secret, only a short reason code. */
export const ChannelHealthSchema = z
  .object({
    channel: DeliveryChannelSchema,
    state: z.enum(['up', 'down']),
    since: z.iso.datetime(),
    reason: z.string().max(40).nullable(),
    // Messages given up after their last try since the server started.
    givenUp: z.number().int().min(0),
  })
  .strict();
export type ChannelHealth = z.infer<typeof ChannelHealthSchema>;
