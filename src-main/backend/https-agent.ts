import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';

/**
 * The agent for calls to the reset server when IT names its own CA (policy `trustedCaFile`): that CA is trusted in
 * addition to the built-in roots, never instead of them, and certificate checks stay on.
 */
export function httpsAgentTrusting(trustedCaPem: string | undefined): Agent | undefined {
  if (trustedCaPem === undefined) return undefined;
  return new Agent({ ca: [...rootCertificates, trustedCaPem], rejectUnauthorized: true, keepAlive: true });
}
