import type { AppConfigSchema } from '../app-config';

/** Every key IT can set, with the shape its raw value must be coerced to before the schema checks it. */
export const SETTING_KINDS = {
  serverUrl: 'string',
  enrollmentToken: 'string',
  requestTimeoutMs: 'number',
  locale: 'string',
  kiosk: 'boolean',
  devTools: 'boolean',
  externalUrlAllowList: 'strings',
  idleTimeoutSeconds: 'number',
  allowedFlows: 'strings',
  logLevel: 'string',
  proxyUrl: 'string',
  trustedCaFile: 'string',
} as const satisfies Record<keyof typeof AppConfigSchema.shape, 'string' | 'number' | 'boolean' | 'strings'>;

export type SettingKey = keyof typeof SETTING_KINDS;
export const SETTING_KEYS = Object.keys(SETTING_KINDS) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_KINDS, key);
}

/** Registry value names are the keys in PascalCase (ServerUrl, IdleTimeoutSeconds), as ADMX templates name them. */
export function registryValueName(key: SettingKey): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

const BY_REGISTRY_NAME = new Map(SETTING_KEYS.map((key) => [registryValueName(key).toLowerCase(), key]));

/** Registry value names are case-insensitive. */
export function settingKeyForRegistryName(name: string): SettingKey | undefined {
  return BY_REGISTRY_NAME.get(name.toLowerCase());
}
