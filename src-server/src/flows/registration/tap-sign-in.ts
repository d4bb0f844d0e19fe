import type { FlowResponse } from '@resetdesk/shared';
import type { TapRedemption } from '../../methods/temporary-access-pass/temporary-access-passes';
import type { CheckVerdict } from '../../policy/reset-guard';
import { flowAudit, STEP_MISMATCH_MESSAGE } from '../engine/flow-audit';
import type { LoadedFlow } from '../engine/flow-engine';
import type { RequestContext } from '../engine/request-context';
import type { RegistrationKit } from './registration-deps';
import { refuseUnregistrable, signingInUser } from './registration-sign-in';
import { registrationResponse } from './security-info-view';

// The same code and message as a wrong password: which of the two was wrong, or whether the name exists, is not told.
const CREDENTIALS_MESSAGE = 'The user ID or the password is not correct.';
// No directory id looks like this: an unknown name's pass is looked up (the same one query) and never found.
const NOBODY = { id: '00000000-0000-0000-0000-000000000000:nobody', username: '' };

/**
 * Security info with a Temporary Access Pass instead of the password (Entra: the pass stands for password and MFA):
 * one right pass opens the list, past the method gate. A wrong pass and an unknown name get CREDENTIALS_INVALID after
 * the same work (one lookup of the pass), counted by the identity throttle as a wrong password is. A right pass that
 * expired, was used (one-time) or revoked says so (whoever typed it holds it: no guess). Redeeming is one conditional
 * UPDATE (temporary-access-passes.ts), so of parallel requests with a one-time pass exactly one gets in.
 */
export async function signInWithTap(
  kit: RegistrationKit,
  { flow, scopes }: LoadedFlow,
  typed: string,
  context: RequestContext,
): Promise<FlowResponse> {
  const { engine, guard } = kit;
  const audit = flowAudit(flow, context, 'security_info.sign_in_rejected');
  if (flow.kind !== 'register' || flow.state !== 'sign_in' || !kit.passes) {
    return engine.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  }
  const passes = kit.passes;
  await engine.refuseIf(audit, await guard.checkPath(scopes));
  const user = await signingInUser(kit, flow);
  const pass = typed.replace(/[\s-]/gu, '');
  const checked = await guard.runCheck(
    scopes,
    'identity',
    () => passes.redeem(user ?? NOBODY, pass),
    verdictOfRedemption,
  );
  if (!checked.ok) {
    await engine.refuseIf(audit, checked.refusal);
    throw checked.refusal;
  }
  const redeemed = user ? checked.result : { result: 'invalid' as const };
  if (!user || redeemed.result !== 'ok') return refuse(kit, audit, redeemed);
  await refuseUnregistrable(kit, user, audit);
  // As after a password: the reconfirmation interval counts from here if nothing is on record.
  await kit.profiles.startIfNone(user.id);
  return openList(kit, flow, audit);
}

async function openList(
  kit: RegistrationKit,
  flow: LoadedFlow['flow'],
  audit: ReturnType<typeof flowAudit>,
): Promise<FlowResponse> {
  // The pass counts as the gate too: straight to the list, with a new token (as after the gate's method).
  const updated = await kit.engine.transition(flow, 'manage', { method_id: null });
  await kit.engine.record({ ...audit, event: 'security_info.signed_in', outcome: 'success', detail: 'manage,tap' });
  return registrationResponse(kit, updated, await kit.engine.rotateToken(flow));
}

function refuse(kit: RegistrationKit, audit: ReturnType<typeof flowAudit>, redeemed: TapRedemption): Promise<never> {
  switch (redeemed.result) {
    case 'expired':
      return kit.engine.fail(audit, 'TAP_EXPIRED', 'The Temporary Access Pass has expired.');
    case 'used':
      return kit.engine.fail(audit, 'TAP_USED', 'The Temporary Access Pass was already used.');
    case 'revoked':
      return kit.engine.fail(audit, 'TAP_REVOKED', 'The Temporary Access Pass was revoked.');
    default:
      return kit.engine.fail(audit, 'CREDENTIALS_INVALID', CREDENTIALS_MESSAGE);
  }
}

/** A wrong pass is a failed sign-in; a right one past its use is no guess (judged nothing, as on the code screen). */
function verdictOfRedemption(redeemed: TapRedemption): CheckVerdict {
  if (redeemed.result === 'ok') return 'pass';
  return redeemed.result === 'invalid' ? 'fail' : 'none';
}
