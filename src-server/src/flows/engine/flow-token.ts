import { createHash, randomBytes } from 'node:crypto';

// 32 random bytes in base64url: 43 characters.
export const FLOW_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/u;

/** A new flow token. Only the client keeps it; the database keeps its SHA-256. */
export function generateFlowToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A fast hash is enough: the token has 256 bits of entropy, so there is nothing to brute-force. */
export function hashFlowToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
