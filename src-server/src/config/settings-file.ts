import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from './config-error';
import type { SecretRef } from './secret-ref';

/**
 * Reads one JSON settings file (policy, directory, delivery: the RESETDESK_*_FILE variables) and validates it as the
 * `section` of the configuration. Each problem is one line naming the full setting (`directory.connection.urls.0:
 * ...`); zod never repeats the values, so a password written into the file by mistake is not printed. Returns what the
 * file says, before defaults: the whole configuration is validated again once every source is merged.
 */
export function readSettingsFile<T extends z.ZodType>(file: string, schema: T, section: string): z.input<T> {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`Cannot read the ${section} settings file ${file}: ${(error as Error).message}`);
  }
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${[section, ...issue.path].join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid ${section} settings in ${file}:\n${problems.join('\n')}`);
  }
  return content as z.input<T>;
}

// Files named in a settings file resolve like every other file setting: from the working directory.
export function resolveFile<T extends string | undefined>(cwd: string, file: T): T {
  return (file === undefined ? undefined : resolve(cwd, file)) as T;
}

export function resolveSecretRef(cwd: string, ref: SecretRef): SecretRef {
  return 'file' in ref ? { file: resolve(cwd, ref.file) } : ref;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every file a section names, resolved from the working directory: a `...File` key (caFile, certFile) and a secret's
 * `{ file }`. By the keys' names, so a setting another part adds (a voice provider's key file) is resolved too.
 */
export function resolveFilePaths<T>(cwd: string, value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => resolveFilePaths(cwd, item)) as T;
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && typeof value.file === 'string') return { file: resolve(cwd, value.file) } as T;
  const entries = Object.entries(value).map(([key, item]) =>
    [key, key.endsWith('File') && typeof item === 'string' ? resolve(cwd, item) : resolveFilePaths(cwd, item)]);
  return Object.fromEntries(entries) as T;
}
