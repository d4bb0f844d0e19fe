import type { Directory } from './directory';
import { DirectoryError } from './directory-error';
import { hasHealthCheck } from './directory-health';

// A name no directory holds (control characters cannot be typed into the wizard): the lookup costs what one does.
const PROBE_NAME = '\u0001resetdesk-readiness';

/** A check's name as a reason code: "search base" fails as `search_base_failed`. */
const reasonOf = (check: string): string => `${check.toLowerCase().replace(/[^a-z0-9]+/gu, '_')}_failed`.slice(0, 60);

/**
 * Why the directory is not ready, or null when it is: its own health check where it has one (LDAP, Active Directory:
 * connect, TLS, bind, search base; the first failing check names the reason), else a lookup of a name nobody has.
 * Only the check's name is told, never its detail (which names hosts and DNs).
 */
export async function directoryNotReady(directory: Directory): Promise<string | null> {
  try {
    if (hasHealthCheck(directory)) {
      const failed = (await directory.checkHealth()).find((line) => !line.ok);
      return failed ? reasonOf(failed.check) : null;
    }
    await directory.findUser(PROBE_NAME);
    return null;
  } catch (error) {
    return error instanceof DirectoryError ? error.failure : 'check_failed';
  }
}
