import { Client } from 'ldapts';
import type { Directory } from '../../src-server/src/directory/directory';

/** Calls and milliseconds per directory method within one window (one set-password step). */
export type DirectoryCalls = Record<string, { calls: number; ms: number }>;

/** Records calls only between begin() and end(): one window is one measured step. */
abstract class CallWindow {
  protected window: DirectoryCalls | null = null;

  begin(): void {
    this.window = {};
  }

  end(): DirectoryCalls {
    const window = this.window ?? {};
    this.window = null;
    return window;
  }
}

/**
 * Where a set-password step's time goes: a wrapper (RuntimeOptions.wrapDirectory) that times every directory call the
 * server makes, recorded only between begin() and end(). The bench measures one step at a time, so a window holds
 * exactly that step's calls. Its own cost is two performance.now() per call.
 */
export class DirectoryTimings extends CallWindow {

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

}

const LDAP_OPERATIONS = ['bind', 'search', 'modify', 'exop', 'compare', 'add', 'del'] as const;

/**
 * The LDAP requests under those directory calls: every ldapts Client operation (any client: the server's service
 * connection, a person's bind) timed while a window is open. install() patches Client.prototype for the bench's
 * process, uninstall() puts the originals back. Raw operations run outside windows, so they are never counted here.
 */
export class LdapOperationTimings extends CallWindow {
  private originals = new Map<string, unknown>();

  install(): void {
    const prototype = Client.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const operation of LDAP_OPERATIONS) {
      const original = prototype[operation];
      if (!original || this.originals.has(operation)) continue;
      this.originals.set(operation, original);
      const windowNow = (): DirectoryCalls | null => this.window;
      prototype[operation] = function timed(this: unknown, ...args: unknown[]): Promise<unknown> {
        const window = windowNow();
        const t0 = performance.now();
        const result = original.apply(this, args);
        if (!window) return result;
        return result.finally(() => {
          const entry = (window[operation] ??= { calls: 0, ms: 0 });
          entry.calls += 1;
          entry.ms += performance.now() - t0;
        });
      };
    }
  }

  uninstall(): void {
    const prototype = Client.prototype as unknown as Record<string, unknown>;
    for (const [operation, original] of this.originals) prototype[operation] = original;
    this.originals.clear();
  }

}
