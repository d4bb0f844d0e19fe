import type { Directory } from '../../src-server/src/directory/directory';

/** Calls and milliseconds per directory method within one window (one set-password step). */
export type DirectoryCalls = Record<string, { calls: number; ms: number }>;

/**
 * Where a set-password step's time goes: a wrapper (RuntimeOptions.wrapDirectory) that times every directory call the
 * server makes, recorded only between begin() and end(). The bench measures one step at a time, so a window holds
 * exactly that step's calls. Its own cost is two performance.now() per call.
 */
export class DirectoryTimings {
  private window: DirectoryCalls | null = null;

  wrap(directory: Directory): Directory {
    return new Proxy(directory, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string') return value;
        return (...args: unknown[]) => {
          const window = this.window;
          const t0 = performance.now();
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (!window || !(result instanceof Promise)) return result;
          return result.finally(() => {
            const entry = (window[property] ??= { calls: 0, ms: 0 });
            entry.calls += 1;
            entry.ms += performance.now() - t0;
          });
        };
      },
    });
  }

  begin(): void {
    this.window = {};
  }

  end(): DirectoryCalls {
    const window = this.window ?? {};
    this.window = null;
    return window;
  }
}
