import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Where a secret setting (a service account's password, an SMTP password, an API token) is read from: a file, or an
 * environment variable named here. Never the value itself: configuration files get copied, diffed and pasted into
 * tickets, and a command line is visible to every user of the machine.
 */
export const SecretRefSchema = z.union(
  [
    z.object({ file: z.string().min(1).max(4096) }).strict(),
    z.object({ env: z.string().regex(/^[A-Z_][A-Z0-9_]{0,127}$/u, 'an environment variable name') }).strict(),
  ],
  { error: 'a secret is { file: "/path" } or { env: "NAME" }, never the value itself' },
);
export type SecretRef = z.output<typeof SecretRefSchema>;

/** Why a secret could not be read; names the setting and the source, never the value. */
export class SecretUnreadableError extends Error {
  override readonly name = 'SecretUnreadableError';
}

/**
 * Reads a secret. A file's trailing newline is dropped (editors add one); an empty secret is refused, since an empty
 * bind password is an anonymous bind on most LDAP servers.
 */
export function readSecret(
  ref: SecretRef,
  setting: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  let value: string | undefined;
  if ('file' in ref) {
    try {
      value = readFileSync(ref.file, 'utf8').replace(/\r?\n$/u, '');
    } catch (error) {
      throw new SecretUnreadableError(`${setting}: cannot read ${ref.file} (${(error as NodeJS.ErrnoException).code})`);
    }
  } else {
    value = env[ref.env];
    if (value === undefined) throw new SecretUnreadableError(`${setting}: the environment variable ${ref.env} is not set`);
  }
  if (value.length === 0) throw new SecretUnreadableError(`${setting}: the secret is empty`);
  return value;
}
