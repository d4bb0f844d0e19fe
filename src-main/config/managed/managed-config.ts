import type { Result } from '@resetdesk/shared';
import { AppConfigSchema, parseAppConfig } from '../app-config';
import type { AppConfig } from '../app-config';
import type { Logger } from '../../logging/logger';
import { layerMaySet } from './machine-only-keys';
import { isSettingKey, SETTING_KEYS } from './policy-keys';
import type { SettingKey } from './policy-keys';
import { CONFIG_LAYERS } from './policy-source';
import type { ConfigLayer, PolicySource, RawSettings } from './policy-source';

export interface ManagedConfig {
  config: Result<AppConfig>;
  /** Keys set by machine or user policy: the UI marks them as managed by the organisation and offers no change. */
  managedKeys: SettingKey[];
  /** Which source decided each key that is not a built-in default. */
  origins: Partial<Record<SettingKey, string>>;
}

const POLICY_LAYERS: ReadonlySet<ConfigLayer> = new Set(['machinePolicy', 'userPolicy']);

/**
 * The layered configuration: machine policy > user policy > installer default > user setting > built-in default,
 * all checked by the one AppConfigSchema, key by key, so that one bad value is refused (and logged) without throwing
 * away the rest of its source. A source that fails to read keeps its last good settings.
 */
export class ManagedConfigLoader {
  private readonly lastGood = new Map<string, RawSettings>();

  constructor(
    private readonly sources: readonly PolicySource[],
    private readonly logger: Logger,
  ) {}

  async load(): Promise<ManagedConfig> {
    const layers = new Map<ConfigLayer, { source: string; settings: RawSettings }[]>();
    for (const source of this.sources) {
      const settings = await this.readSource(source);
      const list = layers.get(source.layer) ?? [];
      list.push({ source: source.name, settings });
      layers.set(source.layer, list);
    }
    const merged: Record<string, unknown> = {};
    const origins: Partial<Record<SettingKey, string>> = {};
    const managedKeys: SettingKey[] = [];
    for (const key of SETTING_KEYS) {
      for (const layer of CONFIG_LAYERS) {
        const found = (layers.get(layer) ?? []).find((entry) => Object.hasOwn(entry.settings, key));
        if (found === undefined) continue;
        if (!layerMaySet(layer, key)) {
          this.logger.warn('A setting only machine policy or the installer may set was ignored', { source: found.source, key });
          continue;
        }
        merged[key] = found.settings[key];
        origins[key] = found.source;
        if (POLICY_LAYERS.has(layer)) managedKeys.push(key);
        break;
      }
    }
    return { config: parseAppConfig(merged, 'managed configuration'), managedKeys, origins };
  }

  private async readSource(source: PolicySource): Promise<RawSettings> {
    let read;
    try {
      read = await source.read();
    } catch (error) {
      read = { status: 'error' as const, reason: error instanceof Error ? error.name : 'failure' };
    }
    if (read.status === 'absent') {
      this.lastGood.set(source.name, {});
      return {};
    }
    if (read.status === 'error') {
      const kept = this.lastGood.get(source.name) ?? {};
      this.logger.warn('A configuration source could not be read; keeping its last good settings', {
        source: source.name,
        reason: read.reason,
        keptKeys: Object.keys(kept),
      });
      return kept;
    }
    if (read.refused.length > 0) {
      this.logger.warn('Unknown configuration keys were ignored', { source: source.name, names: read.refused });
    }
    const valid = validateEach(read.settings, (key, problem) =>
      // The key and the rule, never the value: a value may be a token.
      this.logger.warn('A configuration value was refused', { source: source.name, key, problem }),
    );
    this.lastGood.set(source.name, valid);
    return valid;
  }
}

/** Keeps the keys whose values pass their own field of the schema. */
export function validateEach(settings: RawSettings, onRefused: (key: string, problem: string) => void): RawSettings {
  const valid: RawSettings = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!isSettingKey(key)) {
      onRefused(key, 'unknown key');
      continue;
    }
    const parsed = AppConfigSchema.shape[key].safeParse(value);
    if (parsed.success) valid[key] = value;
    else onRefused(key, parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return valid;
}
