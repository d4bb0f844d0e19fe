import { execFile } from 'node:child_process';
import type { PolicyRead, RawSettings } from './policy-source';
import { coerceSetting } from './coerce-setting';
import { settingKeyForRegistryName } from './policy-keys';

export type RegistryValue =
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; value: string }
  | { type: 'REG_DWORD' | 'REG_QWORD'; value: number }
  | { type: 'REG_MULTI_SZ'; value: string[] }
  | { type: 'OTHER'; value: string };

// `    ServerUrl    REG_SZ    https://reset.contoso.com` (reg.exe separates the columns with four spaces).
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/u;

/**
 * Parses `reg query <key>` output: the values of the key itself, not of subkeys (their lines start without the
 * indent). REG_MULTI_SZ entries are shown joined with a literal `\0`.
 */
export function parseRegQueryOutput(output: string): Map<string, RegistryValue> {
  const values = new Map<string, RegistryValue>();
  let inKey = false;
  for (const rawLine of output.split(/\r?\n/u)) {
    const line = rawLine.replace(/\s+$/u, '');
    if (line === '') continue;
    if (/^HKEY_/u.test(line)) {
      // Only the first key block (the key asked for); `reg query /s` would list subkeys after it.
      if (inKey) break;
      inKey = true;
      continue;
    }
    const match = VALUE_LINE.exec(line);
    if (!inKey || !match) continue;
    const [, name = '', type = '', data = ''] = match;
    values.set(name, toValue(type, data));
  }
  return values;
}

function toValue(type: string, data: string): RegistryValue {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { type, value: data };
    case 'REG_DWORD':
    case 'REG_QWORD':
      return { type, value: Number.parseInt(data, 16) };
    case 'REG_MULTI_SZ':
      return { type, value: data === '' ? [] : data.split('\\0').filter((part) => part !== '') };
    default:
      return { type: 'OTHER', value: data };
  }
}

/** Maps registry values to setting keys; unknown names and unusable types are reported, not applied. */
export function registryValuesToSettings(values: Map<string, RegistryValue>): { settings: RawSettings; refused: string[] } {
  const settings: RawSettings = {};
  const refused: string[] = [];
  for (const [name, value] of values) {
    const key = settingKeyForRegistryName(name);
    if (key === undefined || value.type === 'OTHER') {
      refused.push(name);
      continue;
    }
    const coerced = coerceSetting(key, value.value);
    if (coerced === undefined) refused.push(name);
    else settings[key] = coerced;
  }
  return { settings, refused };
}

export type RegQuery = (key: string) => Promise<{ exitCode: number; stdout: string }>;

/** Runs `%SystemRoot%\System32\reg.exe query <key>` (never through a shell). */
export const runRegQuery: RegQuery = (key) =>
  new Promise((resolve) => {
    const reg = `${process.env.SystemRoot ?? 'C:\\Windows'}\\System32\\reg.exe`;
    execFile(reg, ['query', key], { timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ exitCode, stdout: String(stdout) });
    });
  });

/**
 * One registry key as a policy source. reg.exe exits 1 when the key does not exist (no policy: fine); any other
 * failure is a failed read, and the caller keeps the last good value.
 */
export async function readRegistryPolicy(key: string, query: RegQuery = runRegQuery): Promise<PolicyRead> {
  const result = await query(key);
  if (result.exitCode === 1 && !/^HKEY_/mu.test(result.stdout)) return { status: 'absent' };
  if (result.exitCode !== 0) return { status: 'error', reason: `reg query exited with ${result.exitCode}` };
  const { settings, refused } = registryValuesToSettings(parseRegQueryOutput(result.stdout));
  return { status: 'ok', settings, refused };
}
