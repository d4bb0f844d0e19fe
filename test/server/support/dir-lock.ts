import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A lock between test processes: the first to create `lockDir` (mkdir is atomic) holds it until the returned release
 * runs. A lock whose owner process is gone (a killed test run) is taken over. Vitest runs test files in parallel
 * workers, so a file waits here (up to `timeoutMs`) instead of racing another for a port or a fixed resource.
 */
export async function acquireDirLock(lockDir: string, timeoutMs: number, what: string): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  const token = `${process.pid}:${Math.random().toString(36).slice(2)}`;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'owner'), token);
      return () => {
        if (readOwner(lockDir) === token) rmSync(lockDir, { recursive: true, force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (ownerIsGone(lockDir)) rmSync(lockDir, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error(`Another ${what} holds ${lockDir} for too long`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readOwner(lockDir: string): string | null {
  try {
    return readFileSync(join(lockDir, 'owner'), 'utf8');
  } catch {
    return null;
  }
}

function ownerIsGone(lockDir: string): boolean {
  const owner = readOwner(lockDir);
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
