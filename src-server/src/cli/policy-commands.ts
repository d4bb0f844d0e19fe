import { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { parseCliValue, PolicyError, PolicyOverrideStore } from '../policy/policy-overrides';
import { openStore } from '../store/store';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { bannedCommand } from './banned-terms-commands';
import { operator } from './operator';

type Write = (text: string) => void;

/**
 * `policy show`, `policy set <key> <value>`, `policy unset <key>`. Changes are validated against the whole policy,
 * stored in the database and audited; a running server applies them when it next starts.
 */
export async function policyCommand(
  config: ServerConfig,
  args: readonly string[],
  out: Write,
  err: Write,
): Promise<number> {
  const [action, key, value] = args;
  if (action === 'banned') return bannedCommand(config, args.slice(1), out, err);
  const store = await openStore(config.dataDir, config.store);
  try {
    const overrides = new PolicyOverrideStore({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock });
    const audit = new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock });
    switch (action) {
      case 'show': {
        const effective = await overrides.effective(config.policy);
        out(JSON.stringify(effective, null, 2));
        const list = await overrides.list();
        if (list.length > 0) {
          out('\nChanged with `policy set` (these override the policy file):');
          for (const o of list) out(`  ${o.key} = ${JSON.stringify(o.value)}   (${o.updatedAt})`);
        }
        return 0;
      }
      case 'set': {
        if (key === undefined || value === undefined || args.length !== 3) {
          err('Usage: resetdesk-server policy set <key> <value>   (value as JSON, or plain text)');
          return 2;
        }
        const parsed = parseCliValue(value);
        const effective = await overrides.set(config.policy, key, parsed);
        await audit.record({
          event: 'policy.changed',
          outcome: 'success',
          detail: `set ${key}=${JSON.stringify(parsed)} by ${operator()}`.slice(0, 500),
        });
        out(`Policy ${key} is now ${JSON.stringify(readPath(effective, key))}. Restart the server to apply it.`);
        return 0;
      }
      case 'unset': {
        if (key === undefined || args.length !== 2) {
          err('Usage: resetdesk-server policy unset <key>');
          return 2;
        }
        const removed = await overrides.unset(key);
        if (removed) {
          await audit.record({ event: 'policy.changed', outcome: 'success', detail: `unset ${key} by ${operator()}` });
        }
        out(removed ? `Policy ${key} is back to the file's value. Restart the server to apply it.` : `${key} was not set.`);
        return 0;
      }
      default:
        err('Usage: resetdesk-server policy show | set <key> <value> | unset <key> | banned add|remove|list');
        return 2;
    }
  } catch (error) {
    if (error instanceof PolicyError) {
      err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

function readPath(value: unknown, key: string): unknown {
  let current: unknown = value;
  for (const part of key.split('.')) {
    current = typeof current === 'object' && current !== null ? (current as Record<string, unknown>)[part] : undefined;
  }
  return current;
}

/** `--since` as an ISO date/time or a span back from now: 30m, 24h, 7d. */
export function parseSince(text: string, now: Date): Date | null {
  const span = /^(\d{1,6})([mhd])$/u.exec(text);
  if (span) {
    const minutes = Number(span[1]) * { m: 1, h: 60, d: 1440 }[span[2] as 'm' | 'h' | 'd'];
    return new Date(now.getTime() - minutes * 60_000);
  }
  if (!/^\d{4}-\d{2}-\d{2}/u.test(text)) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
