import { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { SecurityInfo } from '../methods/security-info';
import { systemClock } from '../support/clock';
import { openCliAccounts } from './cli-accounts';
import { operator } from './operator';

type Write = (text: string) => void;

export const USERS_METHODS_USAGE = `  users methods <U>           U's verification methods, masked (the directory's mail and mobile, what U
                              registered here, passkeys included, and the passes in force)
  users methods reset <U>     Clear all U registered here, passkeys and the default too (audited): U must
                              register again`;

/** `users methods U` and `users methods reset U` (U: a user ID as the directory knows it). */
export async function usersMethodsCommand(
  config: ServerConfig,
  args: readonly string[],
  out: Write,
  err: Write,
): Promise<number> {
  const reset = args[0] === 'reset';
  const name = reset ? args[1] : args[0];
  if (!name || args.length > (reset ? 2 : 1)) {
    err(`Usage:\n${USERS_METHODS_USAGE}`);
    return 2;
  }
  const accounts = await openCliAccounts(config);
  try {
    const user = await accounts.findUser(name);
    if (!user) {
      err(`No user ${name} in the directory.`);
      return 1;
    }
    const deps = { db: accounts.store.db, tenantId: accounts.tenantId, clock: systemClock };
    const info = new SecurityInfo({ ...deps, policy: accounts.policy });
    if (!reset) {
      const methods = await info.list(user);
      if (methods.length === 0) out(`${user.username} has no verification method.`);
      for (const m of methods) out([m.kind, m.source, m.masked, m.registeredAt ?? '-'].join('\t'));
      return 0;
    }
    const cleared = await info.reset(user);
    await new AuditLog(deps).record({
      event: 'methods.reset',
      outcome: 'success',
      userId: user.id,
      username: user.username,
      detail: `${cleared} cleared by ${operator()}`.slice(0, 200),
    });
    out(`Cleared ${cleared} registered method(s) of ${user.username}: they must register again.`);
    return 0;
  } finally {
    await accounts.close();
  }
}
