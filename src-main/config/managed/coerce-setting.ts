import { SETTING_KINDS } from './policy-keys';
import type { SettingKey } from './policy-keys';

/**
 * Brings a raw value to the JSON shape its key expects: registry DWORDs and plist integers become booleans where the
 * setting is a switch, a single string becomes a one-item list. Anything else is left for the schema to refuse;
 * undefined means the value cannot be that kind at all.
 */
export function coerceSetting(key: SettingKey, value: unknown): unknown {
  switch (SETTING_KINDS[key]) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 0 || value === 1) return value === 1;
      if (value === 'true' || value === 'false') return value === 'true';
      return undefined;
    case 'number':
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^\d{1,9}$/u.test(value)) return Number(value);
      return undefined;
    case 'strings':
      if (typeof value === 'string') return [value];
      return Array.isArray(value) ? value : undefined;
    case 'string':
      return typeof value === 'string' ? value : undefined;
  }
}
