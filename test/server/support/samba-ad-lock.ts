import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOCK_DIR = join(tmpdir(), 'resetdesk-samba-ad.lock');

/**
 * Samba's LDAP ports (389/636) are fixed, so test files that start one take turns: the first to create the lock
 * directory (atomic) holds it until destroy(). A lock whose owner process is gone (a killed test run) is taken over.
 * Vitest runs test files in parallel workers, so a file waits here (up to `timeoutMs`) instead of failing to bind;
 * six files take turns in a full run (about 30 s each here), so the wait is generous for a slower machine.
 */
export async function acquireSambaLock(timeoutMs = 900_000): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'owner'), token);
      return () => {
        if (readOwner() === token) rmSync(LOCK_DIR, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (ownerIsGone()) rmSync(LOCK_DIR, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Another Samba test holds ${LOCK_DIR} for too long`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function readOwner(): string | null {
  try {
    return readFileSync(join(LOCK_DIR, 'owner'), 'utf8');
  } catch {
    return null;
  }
}

function ownerIsGone(): boolean {
  const owner = readOwner();
  // Just created, owner not written yet: not stale.
  if (owner === null) return false;
  const pid = Number(owner.split(':')[0]);
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
