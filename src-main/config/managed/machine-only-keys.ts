import type { SettingKey } from './policy-keys';
import type { ConfigLayer } from './policy-source';

/**
 * Settings that decide whom the app trusts on the network: the CA that may issue the server's certificate, the proxy
 * every request goes through, and the links the app may open. A kiosk user who could set them in their own
 * config.json (or the user-policy hive they may be able to write) could send the next person's password through a proxy
 * and CA of their own. Only machine policy and the installer (both need administrator rights) may set them.
 */
export const MACHINE_ONLY_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'trustedCaFile',
  'proxyUrl',
  'externalUrlAllowList',
]);

const MACHINE_LAYERS: ReadonlySet<ConfigLayer> = new Set<ConfigLayer>(['machinePolicy', 'installerDefault']);

/** Whether `layer` may set `key`. */
export function layerMaySet(layer: ConfigLayer, key: SettingKey): boolean {
  return !MACHINE_ONLY_KEYS.has(key) || MACHINE_LAYERS.has(layer);
}
