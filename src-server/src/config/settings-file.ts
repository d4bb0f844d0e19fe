import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError } from './config-error';
import type { SecretRef } from './secret-ref';

/**
 * Reads one JSON settings file (directory, delivery) and validates it as the `section` of the configuration. Each
 * problem is one line naming the full setting (`directory.connection.urls.0: ...`); zod never repeats the values,
 * so a password written into the file by mistake is not printed.
 */
export function readSettingsFile<T extends z.ZodType>(file: string, schema: T, section: string): z.output<T> {
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
  return parsed.data;
}

// Files named in a settings file resolve like every other file setting: from the working directory.
export function resolveFile<T extends string | undefined>(cwd: string, file: T): T {
  return (file === undefined ? undefined : resolve(cwd, file)) as T;
}

export function resolveSecretRef(cwd: string, ref: SecretRef): SecretRef {
  return 'file' in ref ? { file: resolve(cwd, ref.file) } : ref;
}
