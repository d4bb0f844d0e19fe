import type { FlowResponse } from '@resetdesk/shared';
import type { AuditEntry } from '../../audit/audit-log';
import type { DirectoryUser } from '../../directory/directory';
import { privilegedResetNotice } from '../../help-requests/helpdesk-messages';
import { judgeNewPassword, passwordRejected } from '../../password/new-password-verdict';
import type { ResetRequirements } from '../../policy/reset-eligibility';
import { sendAccountNotice } from '../engine/account-notices';
import { directoryFailureDetail, directoryFailureError } from '../engine/directory-failure';
import { flowAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import { requirementsOf, subjectOf } from '../engine/flow-options';
import type { RequestContext } from '../engine/request-context';
import { respond } from '../step-view/step-view';
import { alreadyWritten, earlierWriteOf } from './password-write';
import { isServerBusy } from '../../support/hash-pool';
import type { VerifiedFlowKit } from '../verification/verification-deps';
import { logOf } from '../../support/log';

/** The last step of a reset: every gate passed, the new password is checked and written to the directory. */
export async function setNewPassword(
  kit: VerifiedFlowKit,
  { flow, token, scopes }: LoadedFlow,
  newPassword: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard, policy } = kit;
  const audit = flowAudit(flow, context, 'password.rejected');
  await engine.requireState(flow, ['new_password'], audit);
  // Only a reset sets a password here (an unlock flow passes through new_password only for a moment).
  if (flow.kind !== 'reset') return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  const subject = await subjectOf(kit, flow);
  // A decoy can never pass a code, so it can never get here; refuse anyway rather than trust that.
  if (subject.kind !== 'user') return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  const user = subject.user;
  // The account may have changed since the flow started.
  await engine.refuseUnusableAccount(user, audit);
  // Still allowed by the policy, and not beyond the resets-per-hour limit.
  const requirements = await requirementsOf(kit, subject);
  if (!requirements.allowed) {
    await engine.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
  }
  const earlier = await earlierWriteOf(kit.audit, flow.id);
  const written = await alreadyWritten(kit.directory, earlier, user.id, newPassword);
  // A reset that was recorded before a crash has been counted already: finishing it is not another reset.
  if (!(written && earlier.recorded)) await engine.refuseIf(audit, await guard.beforeReset(scopes));
  if (!written) await writeNewPassword(kit, user, newPassword, audit);
  // Recorded before the commit: a crash between the two leaves a flow whose retry lands here without a second row.
  if (!(written && earlier.recorded)) {
    await engine.record({
      ...audit,
      event: 'password.reset',
      outcome: 'success',
      detail: user.locked && policy.unlockOnReset ? 'unlocked' : null,
    });
    await guard.afterReset(scopes);
  }
  // Queued before the commit too: after a crash here the retry queues it again (a second notice, never none).
  await notifyPasswordReset(kit, user, flow.locale, audit, requirements);
  const updated = await engine.complete(flow);
  return respond(kit, { flow: updated, token }, subject);
}

/** The checks and the directory write, with the row that says it was begun (password-write.ts). */
async function writeNewPassword(
  kit: VerifiedFlowKit,
  user: DirectoryUser,
  newPassword: string,
  audit: AuditEntry,
): Promise<void> {
  const verdict = await judgeNewPassword(kit, user, newPassword);
  if (!verdict.ok) {
    await kit.engine.record({ ...audit, detail: verdict.reasons.join(',') });
    throw passwordRejected(verdict);
  }
  await kit.engine.record({ ...audit, event: 'password.write_started', outcome: 'success' });
  try {
    await kit.directory.setPassword(user.id, newPassword, { unlock: kit.policy.unlockOnReset });
  } catch (cause) {
    // A full hash queue refused before anything was written: the same step may be sent again. The attempt still
    // gets its outcome row, or the write_started above would read as a crash (interrupted-writes.ts).
    if (isServerBusy(cause)) {
      await kit.engine.record({ ...audit, event: 'password.reset_failed', detail: 'SERVER_BUSY' });
      throw cause;
    }
    await kit.engine.record({ ...audit, event: 'password.reset_failed', detail: directoryFailureDetail(cause) });
    throw directoryFailureError(cause, 'The directory did not accept the new password.');
  }
  // Tests only: the fault suite stops (and kills) the server here, between the write and the flow's commit.
  await kit.seams?.afterPasswordWrite?.();
}

async function notifyPasswordReset(
  kit: VerifiedFlowKit,
  user: DirectoryUser,
  locale: string | null,
  audit: AuditEntry,
  requirements: ResetRequirements,
): Promise<void> {
  // The helpdesk hears about every reset of an administrator account.
  const notice = requirements.admin
    ? privilegedResetNotice(kit.policy, user, kit.engine.now(), audit.ip ?? null, locale)
    : null;
  if (notice) {
    await kit.delivery.send({ ...notice, ...logOf(audit) }).catch(async () => {
      await kit.engine.record({ ...audit, event: 'notification.failed', outcome: 'failure', detail: 'admin' });
    });
  }
  await sendAccountNotice(kit, 'passwordReset', user, locale, audit);
}
