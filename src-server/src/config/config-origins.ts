import type { ConfigPath } from './config-issues';

/** A value nobody set: the schema's default (or the demo's, which are named as such). */
export const DEFAULT_ORIGIN = 'default';

/**
 * Where each setting of the effective configuration came from (the configuration file, an environment variable, a
 * command-line flag, an old per-section file), by dotted path. `config check` prints it beside the value, and a
 * validation error names it, so "port: too big" says which of the places to fix.
 */
export class ConfigOrigins {
  private readonly byPath = new Map<string, string>();

  set(path: string, origin: string): void {
    this.byPath.set(path, origin);
  }

  /** Copies the defined values of `values` into `target`, each recorded as `section.key` from `origin`. */
  assign(target: Record<string, unknown>, section: string, values: object | undefined, origin: string): void {
    for (const [key, value] of Object.entries(values ?? {})) {
      if (value === undefined) continue;
      target[key] = value;
      this.set(`${section}.${key}`, origin);
    }
  }

  /** The origin of the longest recorded prefix of `path` (a whole section may come from one file). */
  of(path: ConfigPath): string {
    for (let length = path.length; length > 0; length -= 1) {
      const origin = this.byPath.get(path.slice(0, length).map(String).join('.'));
      if (origin !== undefined) return origin;
    }
    return DEFAULT_ORIGIN;
  }

  entries(): [string, string][] {
    return [...this.byPath.entries()];
  }
}
