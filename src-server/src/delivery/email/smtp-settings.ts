import { z } from 'zod';
import { isLoopbackHost } from '../../config/loopback-host';
import { SecretRefSchema } from '../../config/secret-ref';

// A header value: no line breaks (they would start a header of the sender's choosing).
const HeaderText = z.string().min(1).max(200).regex(/^[^\r\n]*$/u, 'one line');

/**
 * How the reset server reaches its SMTP relay (the `email` part of the delivery settings). STARTTLS is the default and
 * is required when chosen: a relay that does not offer it is refused, never used in clear text. `none` (no TLS at all)
 * is only accepted for a relay on this host, where nothing crosses a network.
 */
export const EmailSettingsSchema = z
  .object({
    host: z.string().min(1).max(255),
    // 465 for implicit TLS, 587 (submission) for STARTTLS, 25 for none, unless set.
    port: z.number().int().min(1).max(65535).optional(),
    security: z.enum(['tls', 'starttls', 'none']).default('starttls'),
    // A private CA that signed the relay's certificate; the system's roots are used without it.
    caFile: z.string().min(1).max(4096).optional(),
    auth: z
      .object({ user: z.string().min(1).max(320), password: SecretRefSchema })
      .strict()
      .optional(),
    // The name defaults to the organisation's.
    from: z.object({ address: z.email(), name: HeaderText.optional() }).strict(),
    // Connecting, the greeting and every later pause each get this long before the attempt fails (and is retried).
    timeoutSeconds: z.number().int().min(1).max(120).default(15),
  })
  .strict()
  .superRefine((settings, context) => {
    if (settings.security === 'none' && !isLoopbackHost(settings.host)) {
      context.addIssue({
        code: 'custom',
        path: ['security'],
        message:
          '"none" sends codes in clear text: only allowed for a relay on a loopback host; use "starttls" or "tls"',
      });
    }
  });
export type EmailSettings = z.output<typeof EmailSettingsSchema>;
export type EmailSettingsInput = z.input<typeof EmailSettingsSchema>;

const DEFAULT_PORTS: Record<EmailSettings['security'], number> = { tls: 465, starttls: 587, none: 25 };

export function smtpPort(settings: EmailSettings): number {
  return settings.port ?? DEFAULT_PORTS[settings.security];
}
