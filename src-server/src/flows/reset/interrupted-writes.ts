import type { FlowRow } from '../../store/database-schema';
import { sendAccountNotice } from '../engine/account-notices';
import { flowAudit } from '../engine/flow-audit';
import type { VerifiedFlowKit } from '../verification/verification-deps';

// The rows that end a write's attempt; a password.write_started after the last of them is a write cut off by a crash.
const OUTCOMES = new Set(['password.reset', 'password.reset_failed', 'password.reset_unconfirmed']);
// At most this many a start (the rest at the next one); only crashes inside one short window leave any.
const BATCH = 500;

/** Whether the newest write attempt of the flow has no outcome row after it. */
async function cutOff(kit: VerifiedFlowKit, flow: FlowRow): Promise<boolean> {
  const events = (await kit.audit.listForFlow(flow.id, 1000)).map((row) => row.event);
  const started = events.lastIndexOf('password.write_started');
  return started >= 0 && !events.slice(started + 1).some((event) => OUTCOMES.has(event));
}

/**
 * Resets whose server died between the directory write and the flow's commit (set-password.ts) and whose person never
 * came back to retry before the flow expired. Nobody can tell any more whether the password changed, so the person is
 * sent the reset notice (a notice for a reset that may not have happened beats none for one that did), and the
 * attempt gets its outcome row, password.reset_unconfirmed: every write_started ends in an outcome. Run at start,
 * before expired flows are purged; only expired flows, under the flow's lock, so no live request is overtaken.
 */
export async function settleInterruptedWrites(kit: VerifiedFlowKit): Promise<number> {
  const now = kit.clock.now().toISOString();
  const candidates = await kit.db
    .selectFrom('flows')
    .selectAll()
    .where('tenant_id', '=', kit.tenantId)
    .where('kind', '=', 'reset')
    .where('state', '=', 'new_password')
    .where('decoy', '=', 0)
    .where('expires_at', '<=', now)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_log')
          .select('audit_log.id')
          .whereRef('audit_log.flow_id', '=', 'flows.id')
          .where('audit_log.event', '=', 'password.write_started'),
      ),
    )
    .limit(BATCH)
    .execute();
  let settled = 0;
  for (const flow of candidates) {
    await kit.flowLock.run(flow.token_hash, async () => {
      if (!(await cutOff(kit, flow))) return;
      const user = flow.user_id ? await kit.directory.findUser(flow.username) : null;
      const audit = { ...flowAudit(flow, { ip: null }, 'password.reset_unconfirmed'), detail: 'INTERRUPTED' };
      await kit.engine.record(audit);
      if (user && user.id === flow.user_id) await sendAccountNotice(kit, 'passwordReset', user, flow.locale, audit);
      settled += 1;
    });
  }
  return settled;
}
