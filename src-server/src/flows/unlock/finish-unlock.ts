import type { FlowResponse } from '@resetdesk/shared';
import type { AuditEntry } from '../../audit/audit-log';
import type { FlowRow } from '../../store/database-schema';
import { STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { FlowEngine } from '../engine/flow-engine';
import type { Subject } from '../engine/flow-options';
import { respond } from '../step-view/step-view';
import type { StepViewDeps } from '../step-view/step-view';
import { unlockVerifiedAccount } from './unlock-account';
import type { UnlockDeps } from './unlock-account';

/**
 * The last gate of an unlock flow passed: unlock now, instead of offering a new password. Any failure ends the flow,
 * so it never offers a new password either.
 */
export async function finishUnlock(
  deps: UnlockDeps & StepViewDeps & { engine: FlowEngine },
  passed: { flow: FlowRow; token: string; subject: Subject; audit: AuditEntry },
): Promise<FlowResponse> {
  const { engine } = deps;
  const { flow, subject, audit } = passed;
  try {
    if (subject.kind !== 'user') return await engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
    await engine.refuseUnusableAccount(subject.user, audit);
    await unlockVerifiedAccount(deps, subject.user, flow.locale, audit);
  } catch (error) {
    await engine.transition(flow, 'cancelled');
    throw error;
  }
  const updated = await engine.complete(flow);
  return respond(deps, { flow: updated, token: passed.token }, subject);
}
