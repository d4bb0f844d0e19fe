import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { PasskeyAttestation } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { Clock } from '../../support/clock';
import { claimedChallenge } from './passkey-client-data';
import type { PasskeyCredentials } from './passkey-credentials';
import type { RelyingParty } from './passkey-settings';

// How long a registration prompt may stay open (the browser's own timeout is the same).
export const REGISTRATION_TIMEOUT_MS = 5 * 60_000;

export type PasskeyUser = Pick<DirectoryUser, 'id' | 'username' | 'displayName'>;

function failed(message: string, cause?: unknown): AppError {
  return new AppError('PASSKEY_REGISTRATION_FAILED', message, undefined, cause === undefined ? undefined : { cause });
}

/**
 * The registration ceremony (WebAuthn "create"): options for a directory user, then the authenticator's answer
 * verified and stored. The caller (the registration flow, or the demo route) has proved who the user is; this service
 * only holds the WebAuthn rules: a discoverable credential (a passkey) with user verification, never one the user
 * has registered already, the challenge usable once and for REGISTRATION_TIMEOUT_MS.
 */
export class PasskeyRegistrationCeremony {
  private readonly deps: { credentials: PasskeyCredentials; relyingParty: RelyingParty | null; clock: Clock };

  constructor(deps: { credentials: PasskeyCredentials; relyingParty: RelyingParty | null; clock: Clock }) {
    this.deps = deps;
  }

  get available(): boolean {
    return this.deps.relyingParty !== null;
  }

  /** The options for navigator.credentials.create; any earlier ceremony of this user stops working. */
  async options(user: PasskeyUser): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const rp = this.relyingParty();
    const existing = await this.deps.credentials.ofUser(user.id, rp.id);
    // One handle per person (authenticators keep one passkey per RP and handle); random, so it says nothing of them.
    const userHandle = existing[0]?.user_handle ?? randomBytes(32).toString('base64url');
    const options = await generateRegistrationOptions({
      rpName: rp.name,
      rpID: rp.id,
      userName: user.username,
      userDisplayName: user.displayName,
      userID: Buffer.from(userHandle, 'base64url'),
      timeout: REGISTRATION_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((c) => ({ id: c.id, transports: JSON.parse(c.transports) as string[] })),
      // A passkey: discoverable (the reset's options name no credential) and verified (PIN or biometrics), which is
      // what makes it count as the strongest proof, for administrators too.
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    const expiresAt = new Date(this.deps.clock.now().getTime() + REGISTRATION_TIMEOUT_MS);
    await this.deps.credentials.beginRegistration(user.id, options.challenge, userHandle, expiresAt);
    return options;
  }

  /** Verifies the authenticator's answer to options() and stores the passkey; PASSKEY_REGISTRATION_FAILED otherwise. */
  async finish(user: PasskeyUser, attestation: PasskeyAttestation): Promise<{ credentialId: string }> {
    const rp = this.relyingParty();
    const challenge = claimedChallenge(attestation.response.clientDataJSON);
    const pending = challenge === null ? null : await this.deps.credentials.takeRegistration(user.id, challenge);
    if (challenge === null || pending === null) throw failed('No open passkey registration has this challenge.');
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response: attestation,
        expectedChallenge: challenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.id,
        requireUserVerification: true,
      });
    } catch (error) {
      throw failed('The passkey registration did not verify.', error);
    }
    if (!verification.verified) throw failed('The passkey registration did not verify.');
    const { credential } = verification.registrationInfo;
    if ((await this.deps.credentials.find(credential.id)) !== undefined) {
      throw failed('This passkey is registered already.');
    }
    await this.deps.credentials.add({
      id: credential.id,
      userId: user.id,
      userHandle: pending.userHandle,
      rpId: rp.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: credential.transports ?? attestation.response.transports ?? [],
    });
    return { credentialId: credential.id };
  }

  private relyingParty(): RelyingParty {
    const rp = this.deps.relyingParty;
    if (!rp) throw new AppError('METHOD_UNAVAILABLE', 'Passkeys need a relying party: set passkey.rpId.');
    return rp;
  }
}
