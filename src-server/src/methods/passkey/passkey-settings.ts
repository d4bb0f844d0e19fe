import { isIP } from 'node:net';
import { z } from 'zod';
import { isLoopbackHost } from '../../config/loopback-host';

const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/u;

/**
 * The `passkey` section of the configuration file. A passkey belongs to one relying party (RP) id, a host name: the
 * reset server's as people reach it (behind a proxy that is not the address it listens on, so it can be set). The
 * browser only signs for an RP id that is the page's host or a parent domain of it, and the server accepts only the
 * origins listed here.
 */
export const PasskeySettingsSchema = z
  .object({
    rpId: z.string().toLowerCase().regex(HOST_NAME, 'a host name (no scheme, port or path; not an IP address)'),
    // Where the wizard is served from; https://<rpId> unless set (add the port when it is not 443).
    origins: z
      .array(z.url({ protocol: /^https?$/u }).transform((url) => new URL(url).origin))
      .min(1)
      .max(8)
      .optional(),
  })
  .strict();
export type PasskeySettings = z.output<typeof PasskeySettingsSchema>;

/** The relying party as the ceremonies use it. */
export interface RelyingParty {
  id: string;
  name: string;
  origins: string[];
}

/**
 * The relying party of this server: the configured one; else `localhost` for a loopback server (a secure context
 * over http too, so the demo and the tests work without a certificate); else the listen host when it is a host name.
 * Null when none can be known (an IP address, 0.0.0.0): then no passkey is offered or registered.
 */
export function relyingPartyOf(
  settings: PasskeySettings | undefined,
  server: { host: string; port: number; tls?: unknown },
  name: string,
): RelyingParty | null {
  if (settings) return { id: settings.rpId, name, origins: settings.origins ?? [`https://${settings.rpId}`] };
  if (isLoopbackHost(server.host)) {
    return { id: 'localhost', name, origins: [`http://localhost:${server.port}`, `https://localhost:${server.port}`] };
  }
  const host = server.host.toLowerCase();
  if (isIP(host) !== 0 || !HOST_NAME.test(host)) return null;
  const port = server.port === 443 ? '' : `:${server.port}`;
  return { id: host, name, origins: [`https://${host}${port}`] };
}
