import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { z } from 'zod';
import { ensurePrivateDir, refuseKeyLeftBehind } from '../store/private-dir';

export const SECRETS_FILE_NAME = 'server-secrets.json';

const KEY_BYTES = 32;
const Base64Key = z
  .string()
  .regex(/^[A-Za-z0-9+/]+={0,2}$/u)
  .refine((s) => Buffer.from(s, 'base64').length === KEY_BYTES, { message: `must decode to ${KEY_BYTES} bytes` });

const SecretsFileSchema = z
  .object({
    version: z.literal(1),
    // Keys the HMAC of verification codes (so a stolen database does not reveal codes).
    codeHmacKey: Base64Key,
    // Keys the decoy flows for unknown usernames (so decoys look the same on every visit but cannot be predicted).
    decoyKey: Base64Key,
  })
  .strict();

/**
 * The server's own random keys. The object refuses to be printed or serialised, so passing it to a logger by
 * mistake prints a placeholder instead of key material.
 */
export class ServerSecrets {
  readonly #codeHmacKey: Buffer;
  readonly #decoyKey: Buffer;

  constructor(keys: { codeHmacKey: Buffer; decoyKey: Buffer }) {
    this.#codeHmacKey = keys.codeHmacKey;
    this.#decoyKey = keys.decoyKey;
  }

  get codeHmacKey(): Buffer {
    return this.#codeHmacKey;
  }

  get decoyKey(): Buffer {
    return this.#decoyKey;
  }

  toJSON(): string {
    return '[ServerSecrets]';
  }

  [inspect.custom](): string {
    return '[ServerSecrets]';
  }

  static generate(): ServerSecrets {
    return new ServerSecrets({ codeHmacKey: randomBytes(KEY_BYTES), decoyKey: randomBytes(KEY_BYTES) });
  }
}

/**
 * Reads the secrets file from the keys folder (the data folder unless configured), creating it (mode 0600) on first start. `wx` makes creation atomic:
 * if two processes start at once, one creates and the other reads.
 */
export function loadOrCreateServerSecrets(dataDir: string, options: { formerDir?: string } = {}): ServerSecrets {
  ensurePrivateDir(dataDir, 'keys folder');
  refuseKeyLeftBehind(dataDir, options.formerDir, SECRETS_FILE_NAME);
  const file = join(dataDir, SECRETS_FILE_NAME);
  const fresh = ServerSecrets.generate();
  const content = JSON.stringify({
    version: 1,
    codeHmacKey: fresh.codeHmacKey.toString('base64'),
    decoyKey: fresh.decoyKey.toString('base64'),
  });
  try {
    writeFileSync(file, `${content}\n`, { mode: 0o600, flag: 'wx' });
    // The umask may have widened the mode; make sure only the owner can read the keys.
    chmodSync(file, 0o600);
    return fresh;
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  const parsed = SecretsFileSchema.safeParse(parseJsonQuietly(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    // Deliberately no details: parser and schema messages would quote the file's (secret) content.
    throw new Error(`The server secrets file ${file} is not valid; restore it from a backup or remove it.`);
  }
  return new ServerSecrets({
    codeHmacKey: Buffer.from(parsed.data.codeHmacKey, 'base64'),
    decoyKey: Buffer.from(parsed.data.decoyKey, 'base64'),
  });
}

function parseJsonQuietly(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isAlreadyExists(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EEXIST';
}
