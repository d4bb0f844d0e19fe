import { AppError } from '../errors/app-error';
import type { Delivery, OutgoingMessage } from './delivery';

/**
 * The channel of a real (non-demo) server before SMTP or an SMS provider is configured: it refuses to send rather than
 * print codes anywhere, so the person sees "we couldn't send your code" instead of waiting for a message that never
 * comes.
 */
export class UnconfiguredDelivery implements Delivery {
  async send(message: OutgoingMessage): Promise<void> {
    throw new AppError('DELIVERY_FAILED', `No ${message.channel} delivery channel is configured on this server.`);
  }
}
