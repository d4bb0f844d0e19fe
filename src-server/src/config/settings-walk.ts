import { accessSync, constants } from 'node:fs';
import { readSecret, SecretRefSchema, SecretUnreadableError } from './secret-ref';

// A key whose plain string value would be a secret. The schemas only take secrets as references, so this is a guard
// for a setting added later that forgets to, never the main defence.
const SECRET_KEY = /(password|secret|token|credential|apikey|privatekey)s?$/iu;
export const REDACTED = '[redacted]';

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSecretRef = (value: unknown): boolean => SecretRefSchema.safeParse(value).success;

/**
 * A copy of a settings tree that is safe to print: a secret reference stays as it is ({ file } or { env }: where the
 * secret is, never the secret), and any plain string under a secret-sounding key is replaced.
 */
export function redactSettings<T>(value: T, key = ''): T {
  if (Array.isArray(value)) return value.map((item: unknown) => redactSettings(item, key)) as T;
  if (typeof value === 'string' && SECRET_KEY.test(key)) return REDACTED as T;
  if (!isPlainObject(value) || isSecretRef(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([k, item]) => [k, redactSettings(item, k)])) as T;
}

/** Each secret reference and `...File` setting in the tree, by dotted path. */
export function settingsFiles(value: unknown, path: string[] = []): { path: string; secret?: unknown; file?: string }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => settingsFiles(item, [...path, String(index)]));
  if (!isPlainObject(value)) return [];
  if (isSecretRef(value)) return [{ path: path.join('.'), secret: value }];
  return Object.entries(value).flatMap(([key, item]) =>
    key.endsWith('File') && typeof item === 'string'
      ? [{ path: [...path, key].join('.'), file: item }]
      : settingsFiles(item, [...path, key]),
  );
}

/**
 * Why each secret or file the settings name cannot be read (a missing file, an unset variable, an empty secret),
 * one line per setting, without any value: the server would stop on the same problem when it starts.
 */
export function unreadableSettings(value: unknown, env: Readonly<Record<string, string | undefined>>): string[] {
  return settingsFiles(value).flatMap(({ path, secret, file }) => {
    try {
      if (file !== undefined) accessSync(file, constants.R_OK);
      // Read to know it is there and not empty; the value goes nowhere.
      else readSecret(SecretRefSchema.parse(secret), path, env);
      return [];
    } catch (error) {
      if (error instanceof SecretUnreadableError) return [error.message];
      return [`${path}: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`];
    }
  });
}
