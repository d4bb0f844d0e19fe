import type { Delivery, OutgoingMessage } from './delivery';

type Channel = OutgoingMessage['channel'];

/** Sends each message through the channel configured for its kind (email over SMTP, ...), the rest to `fallback`. */
export class ChannelRouter implements Delivery {
  private readonly routes: Partial<Record<Channel, Delivery>>;
  private readonly fallback: Delivery;

  constructor(routes: Partial<Record<Channel, Delivery>>, fallback: Delivery) {
    this.routes = routes;
    this.fallback = fallback;
  }

  send(message: OutgoingMessage): Promise<void> {
    return (this.routes[message.channel] ?? this.fallback).send(message);
  }
}
