import { lstat, open } from 'node:fs/promises';
import { constants } from 'node:fs';
import { coerceSetting } from './coerce-setting';
import { isSettingKey } from './policy-keys';
import type { PolicyRead, RawSettings } from './policy-source';

const MAX_FILE_BYTES = 64 * 1024;

export interface FileTrust {
  /** Required owner (0 for root); undefined accepts any owner (the user's own settings file). */
  ownerUid?: number;
  /** Refuse a file (or its folder) that the group or others may write. */
  refuseGroupOrOtherWritable: boolean;
}

/** Root-owned, a regular file (not a symlink), not writable by group or others: a policy file only root can change. */
export const ROOT_OWNED_POLICY: FileTrust = { ownerUid: 0, refuseGroupOrOtherWritable: true };
export const USER_FILE: FileTrust = { refuseGroupOrOtherWritable: false };

/** Maps a parsed JSON (or plist) object to settings; unknown keys and impossible kinds are refused by name. */
export function objectToSettings(value: unknown): PolicyRead {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { status: 'error', reason: 'not an object' };
  }
  const settings: RawSettings = {};
  const refused: string[] = [];
  for (const [key, raw] of Object.entries(value)) {
    const coerced = isSettingKey(key) ? coerceSetting(key, raw) : undefined;
    if (coerced === undefined || !isSettingKey(key)) refused.push(key);
    else settings[key] = coerced;
  }
  return { status: 'ok', settings, refused };
}

/**
 * Reads a JSON settings file. The checks run on the opened descriptor (fstat), so the file cannot be swapped
 * between the check and the read; the path itself must not be a symlink (lstat).
 */
export async function readJsonSettingsFile(path: string, trust: FileTrust): Promise<PolicyRead> {
  let linkStat;
  try {
    linkStat = await lstat(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'absent' };
    return { status: 'error', reason: `cannot stat (${(error as NodeJS.ErrnoException).code ?? 'unknown'})` };
  }
  if (!linkStat.isFile()) return { status: 'error', reason: 'not a regular file' };
  let text: string;
  try {
    const handle = await open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { status: 'error', reason: 'not a regular file' };
      if (trust.ownerUid !== undefined && stat.uid !== trust.ownerUid) {
        return { status: 'error', reason: `owned by uid ${stat.uid}, not ${trust.ownerUid}` };
      }
      if (trust.refuseGroupOrOtherWritable && (stat.mode & 0o022) !== 0) {
        return { status: 'error', reason: `writable by group or others (mode ${(stat.mode & 0o777).toString(8)})` };
      }
      if (stat.size > MAX_FILE_BYTES) return { status: 'error', reason: 'too large' };
      text = await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    return { status: 'error', reason: `cannot read (${(error as NodeJS.ErrnoException).code ?? 'unknown'})` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { status: 'error', reason: 'not valid JSON' };
  }
  return objectToSettings(parsed);
}
