import { z } from 'zod';

/**
 * Passkeys (WebAuthn) on the wire: the request options the wizard hands to navigator.credentials.get, and the
 * assertion and attestation it sends back, in the JSON shape @simplewebauthn/browser produces. Every field is bounded:
 * the server parses them before any cryptography runs.
 */
const base64url = (max: number) => z.string().max(max).regex(/^[A-Za-z0-9_-]*$/u, 'base64url');

// A credential id is at most 1023 bytes (WebAuthn level 3), 1364 characters in base64url.
export const CredentialIdSchema = base64url(1364).min(16);

const ExtensionResultsSchema = z.record(z.string().max(64), z.unknown()).default({});
const AttachmentSchema = z.enum(['platform', 'cross-platform']).optional();
const TransportSchema = z.enum(['ble', 'cable', 'hybrid', 'internal', 'nfc', 'smart-card', 'usb']);

export const PasskeyRequestOptionsSchema = z
  .object({
    challenge: base64url(128).min(16),
    rpId: z.string().min(1).max(253),
    timeout: z.number().int().min(10_000).max(600_000),
    userVerification: z.enum(['required', 'preferred', 'discouraged']),
    // Always empty: the authenticator offers the passkeys it holds for rpId (so the options name no account).
    allowCredentials: z.array(z.never()).max(0),
  })
  .strict();
export type PasskeyRequestOptions = z.infer<typeof PasskeyRequestOptionsSchema>;

export const PasskeyAssertionSchema = z
  .object({
    id: CredentialIdSchema,
    rawId: CredentialIdSchema,
    type: z.literal('public-key'),
    response: z
      .object({
        clientDataJSON: base64url(4096),
        authenticatorData: base64url(4096),
        signature: base64url(2048),
        userHandle: base64url(128).optional(),
      })
      .strict(),
    clientExtensionResults: ExtensionResultsSchema,
    authenticatorAttachment: AttachmentSchema,
  })
  .strict();
export type PasskeyAssertion = z.infer<typeof PasskeyAssertionSchema>;

export const VerifyPasskeyRequestSchema = z.object({ assertion: PasskeyAssertionSchema }).strict();
export type VerifyPasskeyRequest = z.infer<typeof VerifyPasskeyRequestSchema>;

/** A new passkey's attestation (registration), as navigator.credentials.create gives it through simplewebauthn. */
export const PasskeyAttestationSchema = z
  .object({
    id: CredentialIdSchema,
    rawId: CredentialIdSchema,
    type: z.literal('public-key'),
    response: z
      .object({
        clientDataJSON: base64url(4096),
        // Packed attestation with a certificate chain can run to several kilobytes.
        attestationObject: base64url(32_768),
        authenticatorData: base64url(8192).optional(),
        transports: z.array(TransportSchema).max(8).optional(),
        publicKeyAlgorithm: z.number().int().optional(),
        publicKey: base64url(4096).optional(),
      })
      .strict(),
    clientExtensionResults: ExtensionResultsSchema,
    authenticatorAttachment: AttachmentSchema,
  })
  .strict();
export type PasskeyAttestation = z.infer<typeof PasskeyAttestationSchema>;

/**
 * The creation options the wizard hands to navigator.credentials.create (registration), as simplewebauthn builds them:
 * one schema for the registration flow's proof and the demo route alike.
 */
export const PasskeyCreationOptionsSchema = z
  .object({
    challenge: base64url(128).min(16),
    rp: z.object({ name: z.string().min(1).max(200), id: z.string().min(1).max(253) }).strict(),
    user: z
      .object({ id: base64url(128).min(1), name: z.string().min(1).max(256), displayName: z.string().max(256) })
      .strict(),
    pubKeyCredParams: z
      .array(z.object({ alg: z.number().int(), type: z.literal('public-key') }).strict())
      .min(1)
      .max(10),
    timeout: z.number().int().min(10_000).max(600_000),
    attestation: z.enum(['none', 'indirect', 'direct', 'enterprise']),
    // The person's passkeys already registered: an authenticator that holds one of them makes no second one.
    excludeCredentials: z
      .array(
        z
          .object({
            id: CredentialIdSchema,
            type: z.literal('public-key'),
            transports: z.array(TransportSchema).optional(),
          })
          .strict(),
      )
      .max(50),
    authenticatorSelection: z
      .object({
        residentKey: z.enum(['required', 'preferred', 'discouraged']),
        userVerification: z.enum(['required', 'preferred', 'discouraged']),
        requireResidentKey: z.boolean().optional(),
        authenticatorAttachment: AttachmentSchema,
      })
      .strict(),
    extensions: z.object({ credProps: z.boolean().optional() }).strict().optional(),
    hints: z.array(z.enum(['hybrid', 'security-key', 'client-device'])).max(3).optional(),
  })
  .strict();
export type PasskeyCreationOptions = z.infer<typeof PasskeyCreationOptionsSchema>;

/** Demo mode only: a passkey for a demo user, as the registration flow will do it (begin, then finish). */
export const DemoPasskeyBeginSchema = z.object({ username: z.string().trim().min(1).max(256) }).strict();
export const DemoPasskeyFinishSchema = z
  .object({ username: z.string().trim().min(1).max(256), attestation: PasskeyAttestationSchema })
  .strict();
