import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDirLock } from './dir-lock';

const LOCK_DIR = join(tmpdir(), 'resetdesk-samba-ad.lock');

/**
 * Samba's LDAP ports (389/636) are fixed, so test files that start one take turns: the first to take the lock holds it
 * until destroy(). Six files take turns in a full run (about 30 s each here), so the wait is generous for a slower
 * machine.
 */
export async function acquireSambaLock(timeoutMs = 900_000): Promise<() => void> {
  return acquireDirLock(LOCK_DIR, timeoutMs, 'Samba test');
}
