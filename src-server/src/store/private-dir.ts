import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export class PrivateDirError extends Error {
  override readonly name = 'PrivateDirError';
}

/**
 * Makes `dir` an owner-only folder (0700), whether it is new or already there: `mkdir`'s mode applies only to a folder
 * it creates, so a folder made earlier by hand (or by an installer) with 0755 would leave the database and the keys
 * readable by every local user. A folder this process does not own is refused (it cannot be made private from here).
 * Windows has no POSIX modes; ACLs there are the installer's job.
 */
export function ensurePrivateDir(dir: string, what = 'data folder'): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  const stats = statSync(dir);
  if (!stats.isDirectory()) throw new PrivateDirError(`The ${what} ${dir} is not a folder.`);
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) {
    throw new PrivateDirError(
      `The ${what} ${dir} belongs to another user (uid ${stats.uid}); ResetDesk keeps secrets in it and must own it. ` +
        'Change its owner to the account the server runs as, or choose another folder.',
    );
  }
  if ((stats.mode & 0o077) === 0) return;
  try {
    chmodSync(dir, 0o700);
  } catch (error) {
    throw new PrivateDirError(
      `The ${what} ${dir} is readable by other users (mode ${(stats.mode & 0o777).toString(8)}) and cannot be made ` +
        `private: ${(error as Error).message}. Run: chmod 700 ${dir}`,
    );
  }
}

/**
 * Refuses to create a key in `keysDir` while one of the same name is still in `formerDir` (the data folder): moving the
 * keys out of the data folder by configuration alone would silently mint new keys, and every enrolled device and
 * pending code would stop working.
 */
export function refuseKeyLeftBehind(keysDir: string, formerDir: string | undefined, fileName: string): void {
  if (formerDir === undefined || resolve(formerDir) === resolve(keysDir)) return;
  const target = join(keysDir, fileName);
  const left = join(formerDir, fileName);
  if (existsSync(target) || !existsSync(left)) return;
  throw new PrivateDirError(
    `The key file ${fileName} is still in the data folder (${left}) but the keys folder is ${keysDir}: ` +
      `move it there (mv ${left} ${target}) rather than letting the server create new keys.`,
  );
}
