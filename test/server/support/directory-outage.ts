import type { Directory } from '../../../src-server/src/directory/directory';
import { DirectoryError } from '../../../src-server/src/directory/directory-error';

/**
 * A switch in front of a real directory: while `down` every call fails as an unreachable LDAP server does
 * (DirectoryError 'unavailable'). For the HTTP tests of DIRECTORY_UNAVAILABLE; the LDAP and AD tests stop the real
 * servers instead.
 */
export class DirectoryOutage {
  down = false;

  wrap(directory: Directory): Directory {
    return new Proxy(directory, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]): unknown => {
          if (this.down) return Promise.reject(new DirectoryError('unavailable', 'connect ECONNREFUSED 127.0.0.1:636'));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  }
}
