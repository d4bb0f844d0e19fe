import { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { AccountHolds } from '../policy/account-holds';
import { openStore } from '../store/store';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { operator } from './operator';

type Write = (text: string) => void;

export const HOLDS_USAGE = `  holds list                  Accounts whose self-service is on hold (a "This wasn't me" confirmed)
  holds release --user U      Lift the hold of U (username as listed, or the directory's user id), audited`;

/**
 * `holds list` and `holds release --user U`. A hold takes effect and ends at once for a running server (it reads
 * the store on every flow), so no restart is needed.
 */
export async function holdsCommand(
  config: ServerConfig,
  args: readonly string[],
  user: string | undefined,
  out: Write,
  err: Write,
): Promise<number> {
  const [action] = args;
  if (action !== 'list' && action !== 'release') {
    err(`Usage:\n${HOLDS_USAGE}`);
    return 2;
  }
  if (action === 'release' && !user) {
    err('Usage: resetdesk-server holds release --user U');
    return 2;
  }
  const store = await openStore(config.dataDir);
  try {
    const deps = { db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock };
    const holds = new AccountHolds(deps);
    if (action === 'list') {
      const rows = await holds.list();
      if (rows.length === 0) out('No account is on hold.');
      for (const row of rows) out([row.placed_at, row.username, row.user_id, row.reason].join('\t'));
      return 0;
    }
    const released = await holds.release(user ?? '', operator());
    if (!released) {
      err(`No hold is in force for ${user}.`);
      return 1;
    }
    await new AuditLog(deps).record({
      event: 'hold.released',
      outcome: 'success',
      userId: released.user_id,
      username: released.username,
      detail: `by ${operator()}`.slice(0, 200),
    });
    out(`Self-service is open again for ${released.username}.`);
    return 0;
  } finally {
    await store.close();
  }
}
