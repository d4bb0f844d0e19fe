import { z } from 'zod';
import { PasskeyAttestationSchema, PasskeyCreationOptionsSchema } from './passkey-api';

/**
 * Security info (issue 14): what a person registers to prove who they are later, as Entra's "Security info" page
 * lists it. A phone is one entry whether it proves by text message or by call (one authenticator). The other
 * kinds are registered by their own registrars (methods/method-registrar.ts on the server).
 */
export const SecurityInfoKindSchema = z.enum(['email', 'phone', 'questions', 'totp', 'approval', 'passkey']);
export type SecurityInfoKind = z.infer<typeof SecurityInfoKindSchema>;

/** One registered method as the manage step lists it: masked by the server, never the full detail. */
export const SecurityInfoItemSchema = z
  .object({
    id: z.string().min(1).max(80),
    kind: SecurityInfoKindSchema,
    maskedTarget: z.string().max(200),
    // From the directory (its mail or mobile attribute): shown, but changed only in the directory.
    fromDirectory: z.boolean(),
    isDefault: z.boolean(),
    // False for directory entries and for the last one(s) while the policy requires registration.
    removable: z.boolean(),
    // When it was registered, where the server knows it (a passkey's list entry shows its date).
    createdAt: z.iso.datetime().optional(),
  })
  .strict();
export type SecurityInfoItem = z.infer<typeof SecurityInfoItemSchema>;

/** The password form that opens security info; the same for every typed name, known or not. */
export const SignInStepSchema = z.object({ kind: z.literal('signIn') }).strict();

export const ManageSecurityInfoStepSchema = z
  .object({
    kind: z.literal('manageSecurityInfo'),
    methods: z.array(SecurityInfoItemSchema).max(20),
    // What the policy lets this person add here (the wizard offers a form for each it knows).
    canAdd: z.array(SecurityInfoKindSchema).max(10),
    // How many methods the policy wants registered (0 when registration is not required).
    methodsRequired: z.number().int().min(0).max(5),
    // When questions may be added: how many to register, and the organisation's own (in the flow's language; the
    // built-in ones are worded by the wizard from their keys).
    questions: z
      .object({
        count: z.number().int().min(3).max(5),
        organization: z.array(z.object({ id: z.string().min(1).max(80), text: z.string().max(300) }).strict()).max(50),
      })
      .strict()
      .optional(),
    // The policy's reconfirmation interval has passed since the person last confirmed: "Is your security info still
    // accurate?" above the list (absent when not due).
    reconfirm: z.boolean().optional(),
  })
  .strict();

/**
 * How a method being registered is proved. A code sent to the new address or phone; the other registrars add their
 * own proofs (an authenticator secret to scan, a WebAuthn ceremony) to this union.
 */
export const RegistrationProofSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('code'),
      // Where the code went, masked (the person typed it a moment ago: they know which).
      maskedTarget: z.string().max(200),
      codeLength: z.number().int().min(6).max(10),
      codeExpiresAt: z.iso.datetime(),
      attemptsLeft: z.number().int().min(0),
    })
    .strict(),
  // A new authenticator app secret to scan (QR) or type (text); the first code from the app proves it.
  z
    .object({
      kind: z.literal('totp'),
      // Base32, as an app asks for it when typed (the wizard groups it for reading).
      secret: z.string().regex(/^[A-Z2-7]+=*$/u).max(128),
      otpauthUri: z.string().startsWith('otpauth://').max(1000),
      // SVG markup of the otpauth URI (paths only: methods/authenticator-code/totp-qr.ts), shown as a data: image.
      qrSvg: z.string().startsWith('<svg').max(200_000),
      codeLength: z.number().int().min(6).max(8),
      // Until when the first code is taken (the setup then has to be started again).
      codeExpiresAt: z.iso.datetime(),
      attemptsLeft: z.number().int().min(0),
    })
    .strict(),
  // Pairing an approver device: the person opens the link (or scans its QR code) on the device and types the number
  // there; the device's decision arrives on the server, and the wizard polls (checkDecision) until it is saved.
  z
    .object({
      kind: z.literal('approval'),
      // The device's name as it will be listed (what the person typed, or the generic one).
      label: z.string().max(60),
      // The approver page with the new device's key in the fragment (never sent to a server by the browser).
      approverUrl: z.string().min(1).max(2000),
      // The same link as a QR code: SVG markup of paths only (shown as a data: image, within the CSP).
      qrSvg: z.string().max(100_000),
      number: z.number().int().min(10).max(99),
      expiresAt: z.iso.datetime(),
      pollAfterMs: z.number().int().min(500).max(10_000),
    })
    .strict(),
  z
    .object({
      // A WebAuthn ceremony: the wizard creates the passkey with these options (bound to this flow, used once).
      kind: z.literal('passkey'),
      options: PasskeyCreationOptionsSchema,
      expiresAt: z.iso.datetime(),
      attemptsLeft: z.number().int().min(0),
    })
    .strict(),
]);
export type RegistrationProof = z.infer<typeof RegistrationProofSchema>;

export const ConfirmRegistrationStepSchema = z
  .object({ kind: z.literal('confirmRegistration'), method: SecurityInfoKindSchema, proof: RegistrationProofSchema })
  .strict();

export const SignInRequestSchema = z.object({ password: z.string().min(1).max(1024) }).strict();
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

// A Temporary Access Pass as the helpdesk reads it out: digits, perhaps in groups (the server drops the separators).
export const TapSignInRequestSchema = z
  .object({ pass: z.string().trim().regex(/^[0-9][0-9 -]{4,38}[0-9]$/u, 'digits only') })
  .strict();
export type TapSignInRequest = z.infer<typeof TapSignInRequestSchema>;

/**
 * After a change password, when the person must register security info (the policy's number) or reconfirm it (the
 * interval passed): "More information required", and a continue that opens the list without a second password.
 */
export const SecurityInfoRequiredStepSchema = z
  .object({ kind: z.literal('securityInfoRequired'), reason: z.enum(['register', 'reconfirm']) })
  .strict();

/** What the person types to add a method; each registrar validates its own part again (libphonenumber, e-mail). */
export const BeginRegistrationRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), address: z.string().trim().min(3).max(320) }).strict(),
  z
    .object({
      kind: z.literal('phone'),
      // As typed: international format (+31 6 12345678), or national with `country` (ISO 3166 alpha-2).
      number: z.string().trim().min(3).max(40),
      country: z.string().regex(/^[A-Z]{2}$/u).optional(),
      // How the phone proves it is theirs now: a text message with a code, or a call that speaks the code.
      via: z.enum(['sms', 'voice']).default('sms'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('questions'),
      // The picked questions (a built-in key or an organisation's id) and the answers as typed; the server checks
      // the rules (answer-rules.ts) and saves them at once: no proof step.
      answers: z
        .array(z.object({ questionId: z.string().min(1).max(80), answer: z.string().max(200) }).strict())
        .min(1)
        .max(5),
    })
    .strict(),
  // A new secret is made by the server and shown as the proof step (confirmed with the app's first code).
  z.object({ kind: z.literal('totp') }).strict(),
  // An approver device to pair; the label names it in the list ("Work phone"), a generic one when left out.
  z.object({ kind: z.literal('approval'), label: z.string().trim().min(1).max(60).optional() }).strict(),
  // A passkey has nothing to type: the server answers with the creation options (the proof).
  z.object({ kind: z.literal('passkey') }).strict(),
]);
export type BeginRegistrationRequest = z.output<typeof BeginRegistrationRequestSchema>;

/** The proof the person gives back: a code, or a new passkey's attestation; registrars with other proofs add theirs. */
export const ConfirmRegistrationRequestSchema = z.union([
  z.object({ code: z.string().trim().regex(/^[0-9]{6,10}$/u, 'digits only') }).strict(),
  z.object({ attestation: PasskeyAttestationSchema }).strict(),
]);
export type ConfirmRegistrationRequest = z.infer<typeof ConfirmRegistrationRequestSchema>;

export const SecurityInfoItemRequestSchema = z.object({ methodId: z.string().min(1).max(80) }).strict();
export type SecurityInfoItemRequest = z.infer<typeof SecurityInfoItemRequestSchema>;
