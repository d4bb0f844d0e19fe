import type { ServerConfig } from '../config/server-config';
import { AppError } from '../errors/app-error';
import { createTemporaryAccessPasses } from '../runtime/verification-methods';
import { systemClock } from '../support/clock';
import { openCliAccounts } from './cli-accounts';
import { parseDuration } from './device-commands';
import { operator } from './operator';

type Write = (text: string) => void;

export const TAP_USAGE = `  tap issue --user U --lifetime 1h [--one-time]
                              Issue a Temporary Access Pass for U (shown once, stored hashed), 10m to 30d within
                              the policy's temporaryAccessPass bounds; one use only with --one-time
  tap list [--user U]         Passes and their state (issued, used, revoked, expired), never the passes
  tap revoke --user U [--id ID]
                              Revoke U's passes in force (or only ID), audited`;

export interface TapCommandOptions {
  user?: string | undefined;
  lifetime?: string | undefined;
  oneTime?: boolean | undefined;
  id?: string | undefined;
}

/** `resetdesk-server tap ...`; returns the exit code (2 for a usage error, 1 for an unknown user or nothing done). */
export async function tapCommand(
  config: ServerConfig,
  args: readonly string[],
  options: TapCommandOptions,
  out: Write,
  err: Write,
): Promise<number> {
  const [action] = args;
  if (action !== 'issue' && action !== 'list' && action !== 'revoke') {
    err(`Usage:\n${TAP_USAGE}`);
    return 2;
  }
  if (action !== 'list' && !options.user) {
    err(`tap ${action} needs --user U`);
    return 2;
  }
  const lifetimeMs = action === 'issue' ? parseDuration(options.lifetime ?? '') : 0;
  if (lifetimeMs === null) {
    err('--lifetime is required: a duration such as 30m, 8h or 7d');
    return 2;
  }
  const accounts = await openCliAccounts(config);
  try {
    const passes = createTemporaryAccessPasses({
      db: accounts.store.db,
      tenantId: accounts.tenantId,
      clock: systemClock,
      policy: accounts.policy,
      codeHmacKey: accounts.secrets.codeHmacKey,
    });
    const user = options.user === undefined ? null : await accounts.findUser(options.user);
    if (options.user !== undefined && !user) {
      err(`No user ${options.user} in the directory.`);
      return 1;
    }
    if (action === 'list') {
      const rows = await passes.list(user?.id);
      if (rows.length === 0) out('No Temporary Access Pass.');
      for (const r of rows) {
        const uses = r.oneTime ? `one-time ${r.useCount}/1` : `multi-use ${r.useCount}`;
        out([r.id, r.username, r.state, uses, r.createdAt, r.expiresAt, r.issuedBy].join('\t'));
      }
      return 0;
    }
    if (!user) return 1;
    if (action === 'revoke') {
      const count = await passes.revoke(user, operator(), options.id);
      out(count > 0 ? `Revoked ${count} pass(es) of ${user.username}.` : `No pass in force for ${user.username}.`);
      return count > 0 ? 0 : 1;
    }
    try {
      const issued = await passes.issue({
        user,
        lifetimeMinutes: Math.round(lifetimeMs / 60_000),
        oneTime: options.oneTime === true,
        issuedBy: operator(),
      });
      // The pass alone on standard output (for a script); what it is on standard error. It is shown only now.
      out(issued.pass);
      const uses = issued.oneTime ? 'one use' : 'any number of uses';
      err(`Temporary Access Pass ${issued.id} for ${user.username}: ${uses}` +
        `, expires ${issued.expiresAt.toISOString()}. It is shown only now.`);
      return 0;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      err(error.message);
      return 2;
    }
  } finally {
    await accounts.close();
  }
}
