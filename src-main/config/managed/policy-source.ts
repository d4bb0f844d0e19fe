/** Raw settings from one source, keyed by setting name, before the schema has seen them. */
export type RawSettings = Record<string, unknown>;

/**
 * What reading one source gave: its settings (with the names it could not map), nothing because it does not exist,
 * or a failure (unreadable, wrong owner or mode, not parseable), in which case the last good value is kept.
 */
export type PolicyRead =
  | { status: 'ok'; settings: RawSettings; refused: string[] }
  | { status: 'absent' }
  | { status: 'error'; reason: string };

/** A configuration layer: where it comes from and how to read it. */
export interface PolicySource {
  /** For logs and for the UI's "managed by your organisation" marks. */
  name: string;
  layer: ConfigLayer;
  read(): Promise<PolicyRead>;
}

/** Strongest first. */
export const CONFIG_LAYERS = ['machinePolicy', 'userPolicy', 'installerDefault', 'userSetting'] as const;
export type ConfigLayer = (typeof CONFIG_LAYERS)[number];
