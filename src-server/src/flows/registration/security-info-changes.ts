import type { BeginRegistrationRequest, FlowResponse } from '@resetdesk/shared';
import type { AuditEntry } from '../../audit/audit-log';
import { registrarOf, RegistrationInputError } from '../../methods/method-registrar';
import type {
  BeginOutcome,
  MethodRegistrar,
  RegistrarContext,
  RegistrationAnswer,
  RegistrationOutcome,
} from '../../methods/method-registrar';
import type { CheckVerdict } from '../../policy/reset-guard';
import type { FlowRow, FlowState } from '../../store/database-schema';
import { flowAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import type { RequestContext } from '../engine/request-context';
import type { RegistrationKit } from './registration-deps';
import { securityInfoChanged } from './security-info-notice';
import { addableKinds, itemsOf, methodsRequired, ownerOf, pendingKind, PROOF_PREFIX, registrationResponse }
  from './security-info-view';

const SIGNED_IN: readonly FlowState[] = ['manage', 'register_confirm'];

/** Adds a method: the registrar checks the input and sends (or shows) its proof; nothing is saved yet. */
export async function beginRegistration(
  kit: RegistrationKit,
  loaded: LoadedFlow,
  input: BeginRegistrationRequest,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard } = kit;
  const { flow, token, scopes } = loaded;
  const audit = await signedIn(kit, flow, context);
  const user = await ownerOf(kit, flow);
  const registrar = addableKinds(kit).includes(input.kind) ? registrarOf(kit.registrars, input.kind) : null;
  if (!registrar) {
    return engine.fail(audit, 'REGISTRATION_NOT_ALLOWED', 'This kind of method cannot be registered here.');
  }
  // The same send limits as a reset's codes (per method kind, and the email cap for addresses).
  await engine.refuseIf(audit, await guard.beforeChallenge(scopes, input.kind));
  let saved: BeginOutcome;
  try {
    saved = await (registrar as MethodRegistrar<typeof input.kind>).begin(contextOf(flow, user), input);
  } catch (error) {
    if (!(error instanceof RegistrationInputError)) throw error;
    return engine.fail(audit, error.code, error.message, error.details);
  }
  if (saved) {
    // Saved without a proof step (questions): any proof left open is dropped, and the person is told.
    const listed = flow.state === 'manage' ? flow : await engine.transition(flow, 'manage', { method_id: null });
    await securityInfoChanged(kit, { event: 'security_info.added', item: saved }, user, flow.locale, audit);
    return registrationResponse(kit, listed, token);
  }
  const updated = await engine.transition(flow, 'register_confirm', { method_id: `${PROOF_PREFIX}${input.kind}` });
  await engine.record({ ...audit, event: 'security_info.proof_sent', outcome: 'success', detail: input.kind });
  return registrationResponse(kit, updated, token);
}

/**
 * The proof of the method being added, checked once under the reset's identity throttle (a wrong code counts like
 * a wrong reset code). Saved, audited and told to the person only when it was right. A poll (a proof decided on
 * another device) that finds nothing decided yet answers the same step.
 */
export async function confirmRegistration(
  kit: RegistrationKit,
  { flow, token, scopes }: LoadedFlow,
  answer: RegistrationAnswer,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard } = kit;
  const audit = flowAudit(flow, context, 'security_info.refused');
  const kind = flow.state === 'register_confirm' ? pendingKind(flow) : null;
  const registrar = kind ? registrarOf(kit.registrars, kind) : null;
  if (!registrar) return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  const user = await ownerOf(kit, flow);
  const registrarContext = contextOf(flow, user);
  const checked = await guard.runCheck(
    scopes,
    'identity',
    () => registrar.confirm(registrarContext, answer),
    verdictOfProof,
  );
  if (!checked.ok) {
    await engine.refuseIf(audit, checked.refusal);
    throw checked.refusal;
  }
  const outcome = checked.result;
  if (outcome.result === 'pending') return registrationResponse(kit, flow, token);
  if (outcome.result !== 'saved') {
    const failure = registrar.failureOf(outcome);
    return engine.fail(audit, failure.code, failure.message, failure.details);
  }
  const updated = await engine.transition(flow, 'manage', { method_id: null });
  await securityInfoChanged(kit, { event: 'security_info.added', item: outcome.item }, user, flow.locale, audit);
  return registrationResponse(kit, updated, token);
}

/** Removes one of the person's own methods, never below what the policy requires (never the last one then). */
export async function removeSecurityInfo(
  kit: RegistrationKit,
  { flow, token }: LoadedFlow,
  methodId: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine } = kit;
  const audit = await signedIn(kit, flow, context, ['manage']);
  const user = await ownerOf(kit, flow);
  const items = await itemsOf(kit, user);
  const item = items.find((i) => i.id === methodId && !i.fromDirectory);
  if (!item) return engine.fail(audit, 'SECURITY_INFO_UNKNOWN', 'No method of yours that can be removed has this id.');
  const required = methodsRequired(kit);
  if (required > 0 && items.length - 1 < required) {
    return engine.fail(audit, 'SECURITY_INFO_REQUIRED', 'The policy requires more methods than would remain.');
  }
  const removed = await registrarOf(kit.registrars, item.kind)?.remove(user, item.id);
  if (!removed) return engine.fail(audit, 'SECURITY_INFO_UNKNOWN', 'No method of yours has this id.');
  if ((await kit.profiles.get(user.id)).defaultMethodId === item.id) await kit.profiles.setDefault(user.id, null);
  await securityInfoChanged(kit, { event: 'security_info.removed', item: removed }, user, flow.locale, audit);
  return registrationResponse(kit, flow, token);
}

/** The method a reset's chooser should offer first (Entra's "default sign-in method"). */
export async function setDefaultMethod(
  kit: RegistrationKit,
  { flow, token }: LoadedFlow,
  methodId: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const audit = await signedIn(kit, flow, context, ['manage']);
  const user = await ownerOf(kit, flow);
  const item = (await itemsOf(kit, user)).find((i) => i.id === methodId);
  if (!item) return kit.engine.fail(audit, 'SECURITY_INFO_UNKNOWN', 'No method of yours has this id.');
  await kit.profiles.setDefault(user.id, item.id);
  await securityInfoChanged(kit, { event: 'security_info.default_changed', item }, user, flow.locale, audit);
  return registrationResponse(kit, flow, token);
}

/** Back from a proof to the list (the open proof is dropped with the flow's method id). */
export async function showSecurityInfo(
  kit: RegistrationKit,
  { flow, token }: LoadedFlow,
  context: RequestContext,
): Promise<FlowResponse> {
  await signedIn(kit, flow, context);
  const updated = flow.state === 'manage' ? flow : await kit.engine.transition(flow, 'manage', { method_id: null });
  return registrationResponse(kit, updated, token);
}

/** Done: the security info is confirmed as it is now (when the policy requires some, only with enough of it). */
export async function finishRegistration(
  kit: RegistrationKit,
  { flow, token }: LoadedFlow,
  context: RequestContext,
): Promise<FlowResponse> {
  const audit = await signedIn(kit, flow, context, ['manage']);
  const user = await ownerOf(kit, flow);
  if ((await itemsOf(kit, user)).length < methodsRequired(kit)) {
    return kit.engine.fail(audit, 'SECURITY_INFO_REQUIRED', 'Register the number of methods the policy requires.');
  }
  await kit.profiles.confirm(user.id);
  const updated = await kit.engine.complete(flow);
  await kit.engine.record({ ...audit, event: 'security_info.confirmed', outcome: 'success' });
  return registrationResponse(kit, updated, token);
}

/** The audit row of a step that needs the person signed in (and verified), after checking the flow is there. */
async function signedIn(
  kit: RegistrationKit,
  flow: FlowRow,
  context: RequestContext,
  states: readonly FlowState[] = SIGNED_IN,
): Promise<AuditEntry> {
  const audit = flowAudit(flow, context, 'security_info.refused');
  if (flow.kind !== 'register') await kit.engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  await kit.engine.requireState(flow, states, audit);
  return audit;
}

function contextOf(flow: FlowRow, user: RegistrarContext['user']): RegistrarContext {
  return { flowId: flow.id, user, locale: flow.locale, notAfter: new Date(flow.expires_at) };
}

function verdictOfProof(outcome: RegistrationOutcome): CheckVerdict {
  if (outcome.result === 'saved') return 'pass';
  // Nothing decided yet, or a refusal an earlier poll already counted: no new failure.
  if (outcome.result === 'pending' || (outcome.result === 'denied' && outcome.alreadyCounted === true)) return 'none';
  return outcome.result === 'expired' ? 'none' : 'fail';
}
