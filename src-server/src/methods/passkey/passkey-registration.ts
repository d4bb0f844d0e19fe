import { randomBytes } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse } from '@simplewebauthn/server';
import type { WebAuthnCredential } from '@simplewebauthn/server';
import { PasskeyCreationOptionsSchema } from '@resetdesk/shared';
import type { PasskeyAttestation, PasskeyCreationOptions } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { Clock } from '../../support/clock';
import { claimedChallenge } from './passkey-client-data';
import type { PasskeyCredentials } from './passkey-credentials';
import type { RelyingParty } from './passkey-settings';

// How long a registration prompt may stay open (the browser's own timeout is the same).
export const REGISTRATION_TIMEOUT_MS = 5 * 60_000;

export type PasskeyUser = Pick<DirectoryUser, 'id' | 'username' | 'displayName'>;
type NewCredential = Pick<WebAuthnCredential, 'id' | 'publicKey' | 'counter' | 'transports'>;
export type VerifiedAttestation = { ok: true; credential: NewCredential } | { ok: false; cause?: unknown };

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
  async options(user: PasskeyUser): Promise<PasskeyCreationOptions> {
    const { options, userHandle } = await this.creationOptions(user);
    const expiresAt = new Date(this.deps.clock.now().getTime() + REGISTRATION_TIMEOUT_MS);
    await this.deps.credentials.beginRegistration(user.id, options.challenge, userHandle, expiresAt);
    return options;
  }

  /** Verifies the authenticator's answer to options() and stores the passkey; PASSKEY_REGISTRATION_FAILED otherwise. */
  async finish(user: PasskeyUser, attestation: PasskeyAttestation): Promise<{ credentialId: string }> {
    const challenge = claimedChallenge(attestation.response.clientDataJSON);
    const pending = challenge === null ? null : await this.deps.credentials.takeRegistration(user.id, challenge);
    if (challenge === null || pending === null) throw failed('No open passkey registration has this challenge.');
    const verified = await this.verify(attestation, challenge);
    if (!verified.ok) throw failed('The passkey registration did not verify.', verified.cause);
    if (!(await this.store(user, pending.userHandle, verified.credential, attestation))) {
      throw failed('This passkey is registered already.');
    }
    return { credentialId: verified.credential.id };
  }

  /**
   * Fresh creation options for the user, and the user handle they carry; nothing is stored (the caller keeps the
   * challenge: per user for the demo route, per flow for the registration flow's PasskeyRegistrar).
   */
  async creationOptions(user: PasskeyUser): Promise<{ options: PasskeyCreationOptions; userHandle: string }> {
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
      excludeCredentials: existing.map((c) => ({ id: c.id, transports: JSON.parse(c.transports) as never })),
      // A passkey: discoverable (the reset's options name no credential) and verified (PIN or biometrics), which is
      // what makes it count as the strongest proof, for administrators too.
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    return { options: PasskeyCreationOptionsSchema.parse(options), userHandle };
  }

  /** Checks an attestation against the challenge it must answer (signature, origin, RP id, user verification). */
  async verify(attestation: PasskeyAttestation, expectedChallenge: string): Promise<VerifiedAttestation> {
    const rp = this.relyingParty();
    try {
      const verification = await verifyRegistrationResponse({
        response: attestation,
        expectedChallenge,
        expectedOrigin: rp.origins,
        expectedRPID: rp.id,
        requireUserVerification: true,
      });
      if (!verification.verified) return { ok: false };
      return { ok: true, credential: verification.registrationInfo.credential };
    } catch (cause) {
      return { ok: false, cause };
    }
  }

  /** Stores a verified passkey for the user; false when that credential is registered already (to anyone). */
  async store(user: PasskeyUser, userHandle: string, credential: NewCredential, attestation: PasskeyAttestation):
    Promise<boolean> {
    const rp = this.relyingParty();
    return this.deps.credentials.add({
      id: credential.id,
      userId: user.id,
      userHandle,
      rpId: rp.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      signCount: credential.counter,
      transports: credential.transports ?? attestation.response.transports ?? [],
    });
  }

  get rpId(): string {
    return this.relyingParty().id;
  }

  private relyingParty(): RelyingParty {
    const rp = this.deps.relyingParty;
    if (!rp) throw new AppError('METHOD_UNAVAILABLE', 'Passkeys need a relying party: set passkey.rpId.');
    return rp;
  }
}
