import { isIP } from 'node:net';
import { z } from 'zod';
import { createNetworkGate } from '../support/network-gate';

/**
 * Which peers may tell us the client's address in X-Forwarded-For. Only the reverse proxies named here: the client
 * is then the right-most address in the chain that is not one of them (what the last trusted proxy saw), so anything a
 * client writes into the header itself, to the left, is never believed. With none (the default) the socket's peer is
 * the client and the header is ignored. There is deliberately no "trust every hop" and no hop count: neither can tell
 * a proxy from a client that connects directly (Fastify itself treats a bare hop count as trusting nobody).
 */
export const TrustedProxySchema = z
  .string()
  .trim()
  .max(64)
  .refine((entry) => {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    if (family === 0 || rest.length > 0) return false;
    if (prefix === undefined) return true;
    if (!/^\d{1,3}$/u.test(prefix)) return false;
    return Number(prefix) <= (family === 4 ? 32 : 128);
  }, 'an IP address or CIDR network (e.g. 10.0.0.5 or 10.1.0.0/16)');

export const TrustedProxiesSchema = z.array(TrustedProxySchema).max(100);

/** Splits RESETDESK_TRUSTED_PROXIES ("10.0.0.5, 10.1.0.0/16"): commas or spaces between entries. */
export function parseTrustedProxyList(value: string): string[] {
  return value.split(/[\s,]+/u).filter((entry) => entry.length > 0);
}

/** Fastify's trustProxy option for the list: `false` (trust no one) when it is empty. */
export function trustProxyOption(trusted: readonly string[]): false | ((address: string, hop: number) => boolean) {
  if (trusted.length === 0) return false;
  const isTrusted = createNetworkGate(trusted);
  return (address) => isTrusted(address);
}
