import { browserSupportsWebAuthn, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { PasskeyAttestationSchema } from '@resetdesk/shared';
import type { PasskeyAttestation, PasskeyCreationOptions } from '@resetdesk/shared';
import { findBridge } from '../api/bridge-reset-api';

/** What the browser's "create a passkey" prompt came to: an attestation for the server, or why there is none. */
export type PasskeyCreateOutcome =
  | { ok: true; attestation: PasskeyAttestation }
  | { ok: false; code: 'PASSKEY_CANCELLED' | 'PASSKEY_UNSUPPORTED' | 'PASSKEY_REGISTRATION_FAILED' };

const UNSUPPORTED_CODES = new Set(['ERROR_INVALID_DOMAIN', 'ERROR_INVALID_RP_ID']);

/**
 * Whether a passkey can be made on this page. Not in the desktop app (the preload's bridge is there): its
 * resetdesk://app origin is not the reset server's host, so no browser runs the ceremony for it
 * (src-server/src/methods/passkey/README.md); there the wizard says to use the reset server's page in a browser.
 */
export function passkeysCanBeAddedHere(): boolean {
  return findBridge(window) === null && window.isSecureContext && browserSupportsWebAuthn();
}

/**
 * Runs navigator.credentials.create (through @simplewebauthn/browser) with the proof's options. NotAllowedError (a
 * cancelled prompt, a timeout, a failed PIN or fingerprint) is PASSKEY_CANCELLED: nothing was made, nothing is sent.
 * InvalidStateError (this authenticator holds one of the person's passkeys already) reads as a failed registration.
 */
export async function createPasskey(options: PasskeyCreationOptions): Promise<PasskeyCreateOutcome> {
  if (!passkeysCanBeAddedHere()) return { ok: false, code: 'PASSKEY_UNSUPPORTED' };
  let response: unknown;
  try {
    response = await startRegistration({ optionsJSON: options });
  } catch (error) {
    const unsupported =
      (error instanceof WebAuthnError && UNSUPPORTED_CODES.has(error.code)) ||
      (error instanceof Error && (error.name === 'SecurityError' || error.name === 'NotSupportedError'));
    if (unsupported) return { ok: false, code: 'PASSKEY_UNSUPPORTED' };
    const cause = error instanceof WebAuthnError ? error.cause : error;
    const exists = cause instanceof Error && cause.name === 'InvalidStateError';
    return { ok: false, code: exists ? 'PASSKEY_REGISTRATION_FAILED' : 'PASSKEY_CANCELLED' };
  }
  const parsed = PasskeyAttestationSchema.safeParse(response);
  return parsed.success ? { ok: true, attestation: parsed.data } : { ok: false, code: 'PASSKEY_REGISTRATION_FAILED' };
}
