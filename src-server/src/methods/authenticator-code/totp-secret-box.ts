import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

const SealedSchema = z.object({ v: z.literal(1), iv: z.string(), tag: z.string(), ct: z.string() }).strict();

/**
 * The key that encrypts TOTP secrets at rest, derived (HKDF-SHA256) from the server's own secret key so the secrets
 * file needs no new entry: a copy of the database alone does not reveal any user's authenticator secret.
 */
export function deriveTotpKey(serverKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), 'resetdesk totp secrets v1', 32));
}

/** AES-256-GCM with a fresh 96-bit IV per secret; `context` (the user id) is bound as associated data. */
export function sealSecret(key: Buffer, secret: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return JSON.stringify({
    v: 1,
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  });
}

/** Throws when the sealed value was altered, belongs to another user or was sealed with another key. */
export function openSecret(key: Buffer, sealed: string, context: string): string {
  const parts = SealedSchema.parse(JSON.parse(sealed));
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts.iv, 'base64'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(parts.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(parts.ct, 'base64')), decipher.final()]).toString('utf8');
}
