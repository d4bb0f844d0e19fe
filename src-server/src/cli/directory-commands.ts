import type { ServerConfig } from '../config/server-config';
import { createDirectory } from '../directory/create-directory';
import type { Directory } from '../directory/directory';
import { hasHealthCheck } from '../directory/directory-health';
import type { HealthLine } from '../directory/directory-health';
import { TenantDomains } from '../directory/tenant-domains';
import { systemClock } from '../support/clock';
import { openCliStore } from './cli-store';

export const DIRECTORY_USAGE = `  directory test [--user U]   Check the configured directory, one line per step with a hint when one fails:
                              connect, TLS, bind, search, find U, read U's groups, and the service account's right
                              to reset, unlock and read lock state. Exit 0 when every check passes, 1 otherwise`;

/** One line per check: a mark a script can grep, the check, what was seen, and the hint on its own line. */
export function formatHealthLine(line: HealthLine): string {
  const text = `${line.ok ? 'ok  ' : 'FAIL'}  ${line.check.padEnd(12)} ${line.detail}`;
  return line.ok || !line.hint ? text : `${text}\n      hint: ${line.hint}`;
}

/** The built-in directory's health: it lives in the database, so only the lookup can fail. */
async function builtinHealth(directory: Directory, user: string | undefined): Promise<HealthLine[]> {
  const lines: HealthLine[] = [{ check: 'connect', ok: true, detail: 'built-in directory (the server database)' }];
  if (user === undefined) return lines;
  const found = await directory.findUser(user);
  lines.push(
    found
      ? { check: 'find user', ok: true, detail: `${user} found (id ${found.id})` }
      : { check: 'find user', ok: false, detail: `${user} not found`, hint: 'check the spelling; built-in users come from `resetdesk-server users import` or the demo' },
  );
  if (found) {
    const groups = await directory.groupsOf(found.id);
    lines.push({ check: 'groups', ok: true, detail: groups.length ? groups.join(', ') : '(none)' });
  }
  return lines;
}

export async function directoryCommand(
  config: ServerConfig,
  args: readonly string[],
  user: string | undefined,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (args[0] !== 'test') {
    err(`Usage:\n${DIRECTORY_USAGE}`);
    return 2;
  }
  const { store, usersDeps } = await openCliStore(config);
  const domains = new TenantDomains([config.policy.emailDomain, ...config.policy.domainNames]);
  const directory = createDirectory(config.directory, { ...usersDeps, clock: systemClock, domains });
  try {
    out(`Directory: ${config.directory.kind}`);
    const lines = hasHealthCheck(directory) ? await directory.checkHealth(user) : await builtinHealth(directory, user);
    for (const line of lines) out(formatHealthLine(line));
    const failed = lines.filter((line) => !line.ok).length;
    out(failed === 0 ? 'The directory is healthy.' : `${failed} check${failed === 1 ? '' : 's'} failed.`);
    return failed === 0 ? 0 : 1;
  } finally {
    await directory.close?.();
    await store.close();
  }
}
