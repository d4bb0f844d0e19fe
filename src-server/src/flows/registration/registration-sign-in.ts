import type { FlowResponse, StartFlowRequest } from '@resetdesk/shared';
import { normalizeUsername } from '../../directory/directory';
import type { DirectoryUser } from '../../directory/directory';
import { verdictOfSignIn } from '../engine/check-verdicts';
import { decoyPseudonym, NAME_OF_NOBODY } from '../engine/decoy-name';
import { flowAudit, flowExpired, startAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import { availableOptions } from '../engine/flow-options';
import type { RequestContext } from '../engine/request-context';
import type { RegistrationKit } from './registration-deps';
import { itemsOf, registrationResponse } from './security-info-view';

const CREDENTIALS_MESSAGE = 'The user ID or the password is not correct.';

/**
 * Opens a register flow for any typed name: the same network gate, CAPTCHA and reset-path lock as a reset, and the
 * same password form whether the name exists or not (an unknown name gets a flow no password opens, as a change
 * flow does), so the start tells nobody who exists.
 */
export async function startRegistration(
  kit: RegistrationKit,
  request: StartFlowRequest,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard, policy } = kit;
  const typedName = normalizeUsername(request.username);
  const user = await kit.directory.findUser(typedName);
  const audit = startAudit(user, context, 'register');
  if (!policy.registrationAllowed) {
    await engine.fail(audit, 'REGISTRATION_NOT_ALLOWED', 'The policy does not let people register security info here.');
  }
  await engine.refuseIf(audit, guard.admitClient(context));
  await engine.refuseIf(audit, await guard.checkCaptcha(request.captcha, context));
  const accountKey = guard.accountKey(user, typedName);
  await engine.refuseIf(audit, await guard.checkPath(guard.scopes(accountKey, context)));
  const { flow, token } = await engine.open({
    kind: 'register',
    state: 'sign_in',
    user,
    username: user ? user.username : decoyPseudonym(typedName),
    locale: request.locale ?? null,
    context,
  });
  await guard.rememberAccountKey(flow.id, accountKey, context);
  const detail = user ? 'register' : 'register,unknown_user';
  await engine.record({ ...audit, event: 'flow.started', outcome: 'success', flowId: flow.id, detail });
  return registrationResponse(kit, flow, token);
}

/**
 * The password against the directory (by the flow's stable user id), throttled as a reset's identity checks are
 * and never counted toward the directory's lockout. A wrong password and an unknown name get the same answer
 * after the same work (a dummy check for nobody). Then: one registered method to verify, or, with nothing
 * registered yet, the list at once (the password is all such a person can prove).
 */
export async function signIn(
  kit: RegistrationKit,
  { flow, scopes }: LoadedFlow,
  password: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard } = kit;
  const audit = flowAudit(flow, context, 'security_info.sign_in_rejected');
  if (flow.kind !== 'register' || flow.state !== 'sign_in') {
    return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  }
  await engine.refuseIf(audit, await guard.checkPath(scopes));
  const user = await signingInUser(kit, flow);
  const checked = await guard.runCheck(
    scopes,
    'identity',
    () => kit.directory.verifyPassword(user ? flow.username : NAME_OF_NOBODY, password, { countFailure: false }),
    verdictOfSignIn,
  );
  if (!checked.ok) {
    await engine.refuseIf(audit, checked.refusal);
    throw checked.refusal;
  }
  const result = user ? checked.result : 'invalid';
  if (!user || (result !== 'ok' && result !== 'must_change')) {
    if (user && result === 'locked') {
      return engine.fail(audit, 'ACCOUNT_LOCKED', 'The account is locked: unlock it first.');
    }
    if (user && result === 'disabled') return engine.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is disabled.');
    return engine.fail(audit, 'CREDENTIALS_INVALID', CREDENTIALS_MESSAGE);
  }
  await refuseUnregistrable(kit, user, audit);
  const next = await nextAfterPassword(kit, user, audit);
  // The reconfirmation interval counts from here for someone with no confirmation on record (security-info-due.ts).
  await kit.profiles.startIfNone(user.id);
  const updated = await engine.transition(flow, next);
  await engine.record({ ...audit, event: 'security_info.signed_in', outcome: 'success', detail: next });
  return registrationResponse(kit, updated, await engine.rotateToken(flow));
}

/**
 * The flow's user, read again (removed or renamed under the flow: expired). A decoy looks up nobody: the directory
 * read (a round trip on LDAP and AD, and its log line) a real account's sign-in makes, so the work tells nobody who
 * exists. Shared with the Temporary Access Pass sign-in.
 */
export async function signingInUser(kit: RegistrationKit, flow: LoadedFlow['flow']): Promise<DirectoryUser | null> {
  const found = await kit.directory.findUser(flow.decoy === 1 ? NAME_OF_NOBODY : flow.username);
  if (flow.decoy === 1) return null;
  if (!found || found.id !== flow.user_id) throw flowExpired();
  return found;
}

/** Accounts that may not use self-service at all may not register for it either (told only after the password). */
export async function refuseUnregistrable(
  kit: RegistrationKit,
  user: DirectoryUser,
  audit: ReturnType<typeof flowAudit>,
): Promise<void> {
  const requirements = await kit.guard.requirements(user);
  if (!user.accountEnabled || !user.enabledForReset || !requirements.allowed) {
    await kit.engine.fail(audit, 'ACCOUNT_NOT_ENABLED', 'The account is not enabled for password reset.');
  }
  await kit.engine.refuseHeld(user, audit);
}

/**
 * `choose_method` when the person has any method a reset could verify; `manage` when they have nothing at all.
 * Something registered that cannot be verified here (not allowed by the reset policy) is no way around the gate.
 */
async function nextAfterPassword(
  kit: RegistrationKit,
  user: DirectoryUser,
  audit: ReturnType<typeof flowAudit>,
): Promise<'choose_method' | 'manage'> {
  const subject = { kind: 'user' as const, user: kit.contacts ? await kit.contacts.complete(user) : user };
  const requirements = await kit.guard.requirements(user);
  const options = await availableOptions(kit, subject, [], requirements);
  if (options.length > 0) return 'choose_method';
  if ((await itemsOf(kit, user)).length > 0) {
    return kit.engine.fail(audit, 'ACCOUNT_NOT_VERIFIABLE', 'None of the registered methods can be verified here.');
  }
  return 'manage';
}
