import { z } from 'zod';
import { isLoopbackHost } from '../../config/loopback-host';
import { SecretRefSchema } from '../../config/secret-ref';

/**
 * Why `text` may not be the gateway's address: codes travel there, so https, or plain http only to this host (where
 * nothing crosses a network: how tests reach the fake gateway). Null when it is fine.
 */
function gatewayUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'not a URL';
  }
  if (url.username || url.password) return 'must not carry a user name or password (the secret is its own setting)';
  if (url.hash) return 'must not have a fragment';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return null;
  return 'must be https (plain http only for a loopback host)';
}

/**
 * The organisation's own SMS / voice gateway (`delivery.sms` or `delivery.voice` with `provider: "webhook"`): the
 * reset server POSTs each message to `url`, signed the Standard Webhooks way with `secret` (`whsec_` + base64), and
 * the gateway posts its events back to the events route signed with the same secret.
 */
export const WebhookGatewaySettingsSchema = z
  .object({
    provider: z.literal('webhook'),
    url: z.string().min(1).max(2048),
    secret: SecretRefSchema,
    timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
    // The gateway's own health endpoint: a signed GET that answers 2xx while it can send. Without it the channel is
    // never reported down (there is no standard account check for a gateway).
    healthUrl: z.string().min(1).max(2048).optional(),
  })
  .strict()
  .superRefine((settings, context) => {
    const problem = gatewayUrlProblem(settings.url);
    if (problem) context.addIssue({ code: 'custom', path: ['url'], message: problem });
    const healthProblem = settings.healthUrl === undefined ? null : gatewayUrlProblem(settings.healthUrl);
    if (healthProblem) context.addIssue({ code: 'custom', path: ['healthUrl'], message: healthProblem });
  });
export type WebhookGatewaySettings = z.output<typeof WebhookGatewaySettingsSchema>;
