import type { FlowResponse } from '@resetdesk/shared';
import { recipientFor } from '../../methods/extra-contacts';
import { logOf } from '../../support/log';
import { unavailableChannels } from '../engine/channel-filter';
import { flowAudit } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import { methodOf, offeredOptions, requirementsOf, subjectOf } from '../engine/flow-options';
import { passedMethodIds } from '../engine/flow-repository';
import type { RequestContext } from '../engine/request-context';
import { respond } from '../step-view/step-view';
import type { VerifiedFlowKit } from './verification-deps';

/** The person picked a method for the current gate: send its challenge (a code, a call, an approval, questions). */
export async function chooseMethod(
  kit: VerifiedFlowKit,
  { flow, token, scopes }: LoadedFlow,
  methodId: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard, policy } = kit;
  const chosen = flowAudit(flow, context, 'verification.refused');
  await engine.requireState(flow, ['choose_method', 'verify'], chosen);
  const subject = await subjectOf(kit, flow);
  const requirements = await requirementsOf(kit, subject);
  const option = (await offeredOptions(kit, subject, passedMethodIds(flow), requirements)).find(
    (o) => o.id === methodId,
  );
  if (!option) {
    // A resend while the method's channel went down lands here: say which channels are down, as the chooser does
    // (from the policy and the channels' state, so a real account and an unknown name are told the same).
    const down = unavailableChannels(kit, requirements);
    const details = down.length > 0 ? { unavailableChannels: down } : undefined;
    return engine.fail(chosen, 'METHOD_UNAVAILABLE', 'The chosen method is not offered for this flow.', details);
  }
  // From here on the rows name the method's kind (not stored: for the metrics, audit/audit-log.ts).
  const audit = { ...chosen, method: option.kind };
  const method = methodOf(kit.methods, option);
  // A locked reset path says so (and until when) before anything else.
  await engine.refuseIf(audit, await guard.checkPath(scopes));
  const lockedSeconds = await guard.methodLockedSeconds(scopes, option.kind);
  if (lockedSeconds > 0 || (await method.isLocked(flow.id, option.id))) {
    return engine.fail(audit, 'CODE_ATTEMPTS_EXCEEDED', 'Too many wrong answers: this method is locked.', {
      attemptsLeft: 0,
      ...(lockedSeconds > 0 ? { retryAfterSeconds: lockedSeconds } : {}),
    });
  }
  if (method.capsSends && (await method.challengesSent(flow.id, option.id)) >= policy.maxCodeSends) {
    return engine.fail(audit, 'RESEND_LIMIT_REACHED', 'No more codes can be sent for this method.');
  }
  // Method tries and the email cap.
  await engine.refuseIf(audit, await guard.beforeChallenge(scopes, option.kind));
  await method.sendChallenge({
    flowId: flow.id,
    option,
    // The address or phone chosen (a person may have several: methods/extra-contacts.ts).
    recipient: subject.kind === 'user' ? recipientFor(subject.user, option.id) : null,
    decoy: subject.kind === 'decoy' ? subject.profile : null,
    notAfter: new Date(flow.expires_at),
    clientIp: context.ip,
    locale: flow.locale,
    ...logOf(context),
  });
  const updated = await engine.transition(flow, 'verify', { method_id: option.id });
  await engine.record({ ...audit, event: 'verification.sent', outcome: 'success', detail: option.kind });
  return respond(kit, { flow: updated, token }, subject);
}
