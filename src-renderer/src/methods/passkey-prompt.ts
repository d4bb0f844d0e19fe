import { browserSupportsWebAuthn, startAuthentication, WebAuthnError } from '@simplewebauthn/browser';
import { PasskeyAssertionSchema } from '@resetdesk/shared';
import type { PasskeyAssertion, PasskeyRequestOptions } from '@resetdesk/shared';

/** What the browser's passkey prompt came to: an assertion for the server, or why there is none (the wizard's words). */
export type PasskeyPromptOutcome =
  | { ok: true; assertion: PasskeyAssertion }
  | { ok: false; code: 'PASSKEY_CANCELLED' | 'PASSKEY_UNSUPPORTED' | 'PASSKEY_REJECTED' };

// The browser refuses the ceremony for this page: the origin is not a secure one, or its host does not match the RP id
// (the desktop app's resetdesk:// origin is such a page, see src-server/src/methods/passkey/README.md).
const UNSUPPORTED_CODES = new Set(['ERROR_INVALID_DOMAIN', 'ERROR_INVALID_RP_ID']);

/**
 * Runs navigator.credentials.get (through @simplewebauthn/browser) with the step's options. NotAllowedError covers a
 * cancelled prompt, a timeout, a failed fingerprint or PIN and an authenticator with no passkey for this server: the
 * browser does not tell them apart (on purpose), so neither can the wizard.
 */
export async function askPasskey(options: PasskeyRequestOptions): Promise<PasskeyPromptOutcome> {
  if (!window.isSecureContext || !browserSupportsWebAuthn()) return { ok: false, code: 'PASSKEY_UNSUPPORTED' };
  let response: unknown;
  try {
    response = await startAuthentication({ optionsJSON: options });
  } catch (error) {
    const unsupported =
      (error instanceof WebAuthnError && UNSUPPORTED_CODES.has(error.code)) ||
      (error instanceof Error && (error.name === 'SecurityError' || error.name === 'NotSupportedError'));
    return { ok: false, code: unsupported ? 'PASSKEY_UNSUPPORTED' : 'PASSKEY_CANCELLED' };
  }
  const parsed = PasskeyAssertionSchema.safeParse(response);
  return parsed.success ? { ok: true, assertion: parsed.data } : { ok: false, code: 'PASSKEY_REJECTED' };
}
