import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from './config-error';
import { describeIssues, pathText } from './config-issues';

const FORMATS: Record<string, 'yaml' | 'json'> = { '.yaml': 'yaml', '.yml': 'yaml', '.json': 'json' };

// A parser's message may quote the text around the mistake, and that text may be a password typed in by mistake:
// keep the position, drop anything quoted, keep one line.
function parseProblem(error: unknown): string {
  const first = ((error as Error).message ?? '').split('\n')[0] ?? '';
  return first.replace(/"(?:[^"\\]|\\.)*"/gu, '…').replace(/:$/u, '');
}

function parseContent(file: string, text: string): unknown {
  const format = FORMATS[extname(file).toLowerCase()];
  if (format === undefined) {
    throw new ConfigError(`${file}: a configuration file ends in .yaml, .yml or .json (the name says how to read it)`);
  }
  try {
    // Duplicate keys are an error in both: the second would silently win.
    const content: unknown = format === 'yaml' ? parseYaml(text, { uniqueKeys: true }) : JSON.parse(text);
    // An empty file is the defaults.
    return content ?? {};
  } catch (error) {
    throw new ConfigError(`${file}: not valid ${format === 'yaml' ? 'YAML' : 'JSON'}: ${parseProblem(error)}`);
  }
}

/**
 * Reads the configuration file and checks it against `schema` on its own, so that each problem is one line naming the
 * file and the setting (`/etc/resetdesk/server.yaml: delivery.email.port: expected a number`). Returns what the file
 * says, before defaults: the environment is merged over it, and defaults fill in after that.
 */
export function readConfigFile<T extends z.ZodType>(file: string, schema: T): z.input<T> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the configuration file (${(error as NodeJS.ErrnoException).code})`);
  }
  const content = parseContent(file, text);
  const parsed = schema.safeParse(content);
  if (!parsed.success) {
    const lines = describeIssues(parsed.error.issues).map(({ path, problem }) => `${file}: ${pathText(path)}: ${problem}`);
    throw new ConfigError(lines.join('\n'));
  }
  return content as z.input<T>;
}
