import type { Delivery } from '../delivery/delivery';
import type { ServerMetrics } from './server-metrics';

/**
 * The channel behind the delivery queue, counting each try by channel. Attempts are not in the audit trail (only
 * failures are), so this is the one count taken outside it; failures are counted from their audit rows.
 */
export function countedDelivery(channel: Delivery, metrics: ServerMetrics): Delivery {
  return {
    async send(message) {
      metrics.deliveryAttempts.inc({ channel: message.channel });
      await channel.send(message);
    },
    ...(channel.pad ? { pad: (standIn) => channel.pad?.(standIn) ?? Promise.resolve() } : {}),
  };
}
