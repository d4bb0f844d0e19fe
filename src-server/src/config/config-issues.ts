import type { z } from 'zod';

// What a value should have been, as someone editing a YAML or JSON file reads it.
const EXPECTED: Record<string, string> = {
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping of keys to values',
  array: 'a list',
};

export type ConfigPath = readonly PropertyKey[];

/** `delivery.email.port`, `directory.connection.urls.0`; the file itself when the path is empty. */
export function pathText(path: ConfigPath): string {
  return path.length === 0 ? '(the whole file)' : path.map(String).join('.');
}

/**
 * Each problem as a path and what is wrong: an unknown key is named by its own full path, so a typo is found at once.
 * zod does not repeat values, so a password typed into the wrong key is never printed.
 */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): { path: ConfigPath; problem: string }[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key], problem: 'unknown key' }));
    }
    if (issue.code === 'invalid_type') {
      return [{ path: issue.path, problem: `expected ${EXPECTED[issue.expected] ?? issue.expected}` }];
    }
    return [{ path: issue.path, problem: issue.message }];
  });
}
