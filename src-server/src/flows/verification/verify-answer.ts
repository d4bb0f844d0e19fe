import type { AuditEntry } from '../../audit/audit-log';
import type { VerificationAnswer } from '../../methods/verification-method';
import type { FlowRow, FlowState } from '../../store/database-schema';
import { verdictOfChallenge } from '../engine/check-verdicts';
import { flowAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import { availableOptions, methodOf, requirementsOf, subjectOf } from '../engine/flow-options';
import type { Subject } from '../engine/flow-options';
import { passedMethodIds } from '../engine/flow-repository';
import type { RequestContext } from '../engine/request-context';
import type { VerifiedFlowKit } from './verification-deps';

/** Where a flow stands after an answer that did not fail: still pending, or the gate passed (maybe the last one). */
export interface AnsweredGate {
  flow: FlowRow;
  token: string;
  subject: Subject;
  audit: AuditEntry;
  // Every gate passed: a reset goes on to the new password, an unlock unlocks now.
  lastGatePassed: boolean;
}

/**
 * Every verification answer takes this path, whatever the method and whatever the flow is for. A wrong answer
 * throws (after auditing); a passed gate gets a new token.
 */
export async function verifyAnswer(
  kit: VerifiedFlowKit,
  { flow, token, scopes }: LoadedFlow,
  answer: VerificationAnswer,
  context: RequestContext,
): Promise<AnsweredGate> {
  const { engine, guard } = kit;
  const answered = flowAudit(flow, context, 'verification.rejected');
  await engine.requireState(flow, ['verify'], answered);
  const subject = await subjectOf(kit, flow);
  const passed = passedMethodIds(flow);
  const requirements = await requirementsOf(kit, subject);
  const option = (await availableOptions(kit, subject, passed, requirements)).find((o) => o.id === flow.method_id);
  if (!option) {
    return engine.fail(answered, 'METHOD_UNAVAILABLE', 'The method of this code is no longer available.');
  }
  // From here on the rows name the method's kind (not stored: for the metrics, audit/audit-log.ts).
  const audit: AuditEntry = { ...answered, method: option.kind };
  const method = methodOf(kit.methods, option);
  if (method.answerKind !== answer.kind) await engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  // One check of the account at a time, counted as failed until proved right (runCheck).
  const checked = await guard.runCheck(
    scopes,
    'identity',
    () => method.verify(flow.id, option.id, answer),
    verdictOfChallenge,
  );
  if (!checked.ok) {
    await engine.refuseIf(audit, checked.refusal);
    throw checked.refusal;
  }
  const check = checked.result;
  if (check.result === 'pending') return { flow, token, subject, audit, lastGatePassed: false };
  if (check.result !== 'ok') {
    if (check.result === 'attempts_exceeded') await guard.lockMethod(scopes, option.kind);
    const failure = method.failureOf(check);
    return engine.fail(audit, failure.code, failure.message, failure.details);
  }
  const nowPassed = [...passed, option.id];
  const next: FlowState = nowPassed.length >= requirements.gatesRequired ? 'new_password' : 'choose_method';
  const updated = await engine.transition(flow, next, {
    method_id: null,
    passed_method_ids: JSON.stringify(nowPassed),
  });
  await engine.record({ ...audit, event: 'verification.passed', outcome: 'success', detail: option.kind });
  const rotated = await engine.rotateToken(flow);
  return { flow: updated, token: rotated, subject, audit, lastGatePassed: next === 'new_password' };
}
