import type { FlowResponse, StartFlowRequest } from '@resetdesk/shared';
import { normalizeUsername } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import { authenticatorCount } from '../../methods/authenticators';
import { decoyPseudonym } from '../engine/decoy-name';
import { startAudit } from '../engine/flow-audit';
import { unavailableChannels, withoutDownChannels } from '../engine/channel-filter';
import { availableOptions, userSubject } from '../engine/flow-options';
import type { Subject } from '../engine/flow-options';
import type { RequestContext } from '../engine/request-context';
import { methodsUnavailable, respond } from '../step-view/step-view';
import type { VerifiedFlowKit } from './verification-deps';
import { loggedDirectoryCall } from '../../directory/directory-log';

/**
 * Starts a reset or an unlock flow: policy, network gate, CAPTCHA and throttles first, then a flow for the user or,
 * for a name that matches nobody (with enumeration protection on), a decoy that looks the same.
 */
export async function startVerifiedFlow(
  kit: VerifiedFlowKit,
  request: StartFlowRequest,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard, policy } = kit;
  const typedName = normalizeUsername(request.username);
  const user = await loggedDirectoryCall(context.log, 'findUser', () => kit.directory.findUser(typedName));
  const kind = request.kind;
  const audit = startAudit(user, context, kind);
  if (kind === 'change' || kind === 'register') {
    throw new AppError('INVALID_INPUT', 'Change and register flows are started by their own services.');
  }
  if (kind === 'unlock' && !policy.unlockAllowed) {
    await engine.fail(audit, 'UNLOCK_NOT_ALLOWED', 'The policy does not allow unlocking accounts here.');
  }
  await engine.refuseIf(audit, guard.admitClient(context));
  await engine.refuseIf(audit, await guard.checkCaptcha(request.captcha, context));
  const accountKey = guard.accountKey(user, typedName);
  await engine.refuseIf(audit, await guard.checkStart(guard.scopes(accountKey, context), kind));
  const requirements = await guard.requirements(user);
  if (!user && !policy.enumerationProtection) {
    await engine.fail(audit, 'ACCOUNT_NOT_VERIFIABLE', 'No account matches this user ID.');
  }
  if (user && !requirements.allowed) {
    await engine.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
  }
  // A decoy looks up a hold too (for nobody), and every start draws the name's decoy profile and stores it with the
  // flow: the same store work whether the name exists or not (a timing tell on a networked database otherwise).
  if (user) await engine.refuseUnusableAccount(user, audit);
  else await engine.refuseHeld(kit.decoys.phantomUser, audit);
  const pseudonym = decoyPseudonym(typedName);
  const profile = await kit.decoys.profileFor(typedName, pseudonym, requirements);
  // A real account's registered contacts are read; an unknown name's flow reads the same tables (timing).
  if (!user) await kit.contacts?.mirror();
  const subject: Subject = user
    ? await userSubject(kit, user)
    : { kind: 'decoy', name: pseudonym, profile };
  // A decoy drawn from an administrator has an administrator's gates (decoy-flows.ts requirementsOf).
  const needs = subject.kind === 'decoy' ? kit.decoys.requirementsOf(subject.profile, requirements) : requirements;
  const options = await availableOptions(kit, subject, [], needs);
  // Gates count authenticators: an SMS and a call to one phone cannot pass two gates (methods/authenticators.ts).
  const authenticators = authenticatorCount(options, subject.kind === 'user' ? subject.user : null);
  if (options.length < needs.methodsToRegister || authenticators < needs.gatesRequired) {
    await engine.fail(audit, 'ACCOUNT_NOT_VERIFIABLE', 'The account has no usable verification method.');
  }
  // Registered, but too few of them can be offered while channels are down (the same test, on what is offered).
  const offered = withoutDownChannels(kit, options);
  const subjectUser = subject.kind === 'user' ? subject.user : null;
  if (offered.length === 0 || authenticatorCount(offered, subjectUser) < needs.gatesRequired) {
    await engine.refuseIf(audit, methodsUnavailable(unavailableChannels(kit, needs)));
  }
  const { flow, token } = await engine.open({
    kind,
    state: 'choose_method',
    user,
    username: subject.kind === 'user' ? subject.user.username : subject.name,
    locale: request.locale ?? null,
    context,
  });
  await guard.rememberAccountKey(flow.id, accountKey, context);
  await kit.decoys.remember(flow.id, profile);
  await engine.record({
    ...audit,
    event: 'flow.started',
    outcome: 'success',
    flowId: flow.id,
    detail: user ? null : 'unknown_user',
  });
  return respond(kit, { flow, token }, subject);
}
