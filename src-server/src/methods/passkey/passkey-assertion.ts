import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { PasskeyAssertion } from '@resetdesk/shared';
import { claimedChallenge } from './passkey-client-data';
import type { PasskeyCredentials } from './passkey-credentials';
import type { RelyingParty } from './passkey-settings';

/** Why an assertion was refused: each has its own error code (passkey-method.ts failureOf). */
export type PasskeyRefusal = 'replayed' | 'wrong_credential' | 'rejected';

export type AssertionOutcome = { ok: true } | { ok: false; refusal: PasskeyRefusal };

export interface AssertionInput {
  assertion: PasskeyAssertion;
  // The challenge this flow's open passkey challenge holds.
  expectedChallenge: string;
  // The flow's directory user; null for a decoy (no passkey can be theirs).
  userId: string | null;
  relyingParty: RelyingParty;
}

const refused = (refusal: PasskeyRefusal): AssertionOutcome => ({ ok: false, refusal });

/**
 * Checks one assertion, in the order that names the refusal truthfully: an answer to a challenge already used is a
 * replay; a passkey that is not this user's is the wrong credential; then the signature, origin, RP id and user
 * verification (simplewebauthn); last the two single-use records, each one statement, so of two identical parallel
 * answers exactly one is accepted and the other is a replay.
 */
export async function checkAssertion(credentials: PasskeyCredentials, input: AssertionInput): Promise<AssertionOutcome> {
  const { assertion, expectedChallenge, userId, relyingParty } = input;
  const challenge = claimedChallenge(assertion.response.clientDataJSON);
  if (challenge === null) return refused('rejected');
  if (challenge !== expectedChallenge) {
    return refused((await credentials.challengeWasUsed(challenge)) ? 'replayed' : 'rejected');
  }
  const credential = userId === null ? undefined : await credentials.find(assertion.id);
  if (!credential || credential.user_id !== userId || credential.rp_id !== relyingParty.id) {
    return refused('wrong_credential');
  }
  const { userHandle } = assertion.response;
  if (userHandle !== undefined && userHandle !== credential.user_handle) return refused('wrong_credential');
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: assertion,
      expectedChallenge,
      expectedOrigin: relyingParty.origins,
      expectedRPID: relyingParty.id,
      credential: {
        id: credential.id,
        publicKey: Buffer.from(credential.public_key, 'base64url'),
        counter: Number(credential.sign_count),
        transports: JSON.parse(credential.transports) as never,
      },
      requireUserVerification: true,
    });
    if (!verification.verified) return refused('rejected');
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    // simplewebauthn says so in words only: a counter that did not move on means this signature was seen before.
    return refused(error instanceof Error && /counter/iu.test(error.message) ? 'replayed' : 'rejected');
  }
  if (!(await credentials.useChallenge(challenge, credential.id))) return refused('replayed');
  if (!(await credentials.advanceCounter(credential.id, newCounter))) return refused('replayed');
  return { ok: true };
}
