import type { ClientFacts } from '../throttle/reset-throttle';

/** What a flow remembers of where it was started. */
export interface FlowOrigin {
  // The enrolled device that signed the start (null: unsigned, a browser or a desktop not enrolled).
  deviceId: string | null;
  ip: string | null;
}

/**
 * The binding rule, checked on every step that acts (choose, verify, poll, set, change):
 * - a flow started by an enrolled device answers only requests signed by that same device, from any address (a
 *   laptop may change networks mid-flow; the device signature is the stronger fact);
 * - any other flow answers only requests from the address that started it (exactly; behind a proxy, the address the
 *   trusted-proxy rule yields).
 * A request that breaks it is answered FLOW_EXPIRED, as an unknown token would be: a stolen token tells nothing.
 */
export function bindingHolds(origin: FlowOrigin, client: ClientFacts): boolean {
  if (origin.deviceId !== null) return client.deviceId === origin.deviceId;
  return origin.ip === null || origin.ip === client.ip;
}
