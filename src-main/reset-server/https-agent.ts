import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { ConnectTunnelAgent } from './proxy-agent';

export interface HttpsRouting {
  /** PEM of the organisation's CA (policy trustedCaFile), trusted besides the built-in roots. */
  trustedCaPem?: string | undefined;
  /** The organisation's proxy (policy proxyUrl), reached with CONNECT. */
  proxyUrl?: string | undefined;
}

/**
 * The agent for calls to the reset server when IT names its own CA or proxy. The CA is trusted in addition to the
 * built-in roots, never instead of them, and certificate checks stay on. Undefined means Node's default agent.
 */
export function httpsAgentFor(routing: HttpsRouting): Agent | undefined {
  const ca = routing.trustedCaPem === undefined ? {} : { ca: [...rootCertificates, routing.trustedCaPem] };
  if (routing.proxyUrl !== undefined) return new ConnectTunnelAgent(routing.proxyUrl, { ...ca, rejectUnauthorized: true });
  if (routing.trustedCaPem === undefined) return undefined;
  return new Agent({ ...ca, rejectUnauthorized: true, keepAlive: true });
}
