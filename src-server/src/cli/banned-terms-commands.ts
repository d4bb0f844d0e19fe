import { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { openStore } from '../store/store';
import { DEFAULT_TENANT_ID, ensureTenant } from '../store/tenants';
import { systemClock } from '../support/clock';
import { CUSTOM_TERMS_MAX } from '../password/banned/banned-terms';
import { CustomBannedTerms, CustomTermError } from '../password/banned/custom-banned-terms';
import { operator } from './operator';

type Write = (text: string) => void;

export const BANNED_USAGE =
  'Usage: resetdesk-server policy banned add <term>... | remove <term> | list   (custom terms: 4-16 characters)';

/**
 * `policy banned add|remove|list`: the organisation's custom banned terms, in the database, every change audited
 * (the terms themselves are not secret: they are words nobody may use). A running server applies them on restart.
 */
export async function bannedCommand(config: ServerConfig, args: readonly string[], out: Write, err: Write): Promise<number> {
  const [action, ...terms] = args;
  const valid =
    (action === 'list' && terms.length === 0) ||
    (action === 'add' && terms.length > 0) ||
    (action === 'remove' && terms.length === 1);
  if (!valid) {
    err(BANNED_USAGE);
    return 2;
  }
  const store = await openStore(config.dataDir, config.store);
  try {
    await ensureTenant(store.db, systemClock, DEFAULT_TENANT_ID, config.policy.organizationName);
    const list = new CustomBannedTerms(store.db, DEFAULT_TENANT_ID, systemClock);
    const audit = new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock });
    const by = operator();
    switch (action) {
      case 'list': {
        const all = await list.list();
        for (const term of all) out(term);
        out(`${all.length} of ${CUSTOM_TERMS_MAX} custom banned terms.`);
        return 0;
      }
      case 'add': {
        const added = await list.add(terms, by);
        if (added.length > 0) {
          await audit.record({
            event: 'policy.changed',
            outcome: 'success',
            detail: `banned add ${added.join(',')} by ${by}`.slice(0, 500),
          });
        }
        out(`Added ${added.length} term(s)${added.length ? `: ${added.join(', ')}` : ''}. Restart the server to apply.`);
        return 0;
      }
      default: {
        const term = terms[0] ?? '';
        const removed = await list.remove(term);
        if (removed) {
          await audit.record({
            event: 'policy.changed',
            outcome: 'success',
            detail: `banned remove ${term.trim().toLowerCase()} by ${by}`.slice(0, 500),
          });
        }
        out(removed ? `Removed. Restart the server to apply.` : `That term is not on the custom list.`);
        return 0;
      }
    }
  } catch (error) {
    if (error instanceof CustomTermError) {
      err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}
