import { z } from 'zod';
import { UnavailableChannelsSchema } from '../api/delivery-channels';
import { AnswerRuleBreachSchema } from '../api/security-questions';

/**
 * Every failure anywhere in ResetDesk maps to one of these codes. The wizard has a screen (and English and Dutch text)
 * for each; servers, the main process and the renderer never invent codes of their own.
 */
export const ERROR_CODES = [
  // Input that does not match a contract (HTTP body, IPC payload). Nothing was changed.
  'INVALID_INPUT',
  // The flow token is unknown, expired (15 minutes) or was finished/cancelled: start again.
  'FLOW_EXPIRED',
  // The request does not fit the flow's current step (for example a code sent before a method was chosen).
  'FLOW_STEP_MISMATCH',
  // The code is wrong; details.attemptsLeft says how many tries remain for this code.
  'CODE_INVALID',
  // The code is older than its lifetime (10 minutes at most): ask for a new one.
  'CODE_EXPIRED',
  // Too many wrong codes for this method: the method is locked for this flow.
  'CODE_ATTEMPTS_EXCEEDED',
  // No more codes may be sent for this method in this flow (the resend cap); another method may still work.
  'RESEND_LIMIT_REACHED',
  // Security answers were not accepted (which one is never said); details.attemptsLeft says how many tries remain.
  'ANSWERS_REJECTED',
  // The verification call was not answered, or ended without # being pressed.
  'CALL_NOT_ANSWERED',
  // The request was denied in the authenticator app (or the wrong number was picked).
  'APPROVAL_DENIED',
  // Nobody approved the request in the authenticator app in time (2 minutes).
  'APPROVAL_EXPIRED',
  // The chosen method is not one the server offered for this flow.
  'METHOD_UNAVAILABLE',
  // The new password breaks a rule; details.reasons lists every rule it breaks.
  'PASSWORD_REJECTED',
  // Seed error table: "Your account is not enabled for password reset".
  'ACCOUNT_NOT_ENABLED',
  // Seed error table: "We can't verify your account" (no usable method registered).
  'ACCOUNT_NOT_VERIFIABLE',
  // Seed error table: the account is managed elsewhere (on-premises without writeback): contact your administrator.
  'CONTACT_ADMIN',
  // Change password: the user ID or the old password is wrong (never which one). Counts as a failed sign-in.
  'CREDENTIALS_INVALID',
  // Change password: the new password is the current one (allowed on a reset, not on a change).
  'PASSWORD_REUSED',
  // Unlock: identity was verified, but the account is not locked (told only after verification).
  'ACCOUNT_NOT_LOCKED',
  // Change password: the old password is right but the account is locked: unlock it first.
  'ACCOUNT_LOCKED',
  // The organisation's policy does not allow unlocking accounts here (a reset may still unlock).
  'UNLOCK_NOT_ALLOWED',
  // The organisation's policy does not allow changing passwords here.
  'CHANGE_NOT_ALLOWED',
  // Too many requests; details.retryAfterSeconds says when to try again.
  'RATE_LIMITED',
  // The account was reset the policy's maximum number of times in the last hour (5 by default): checked when the
  // flow starts, before any code is sent; details.retryAfterSeconds says when a reset is possible again.
  'TOO_MANY_RESETS',
  // Seed error table: reset is not allowed from this device or network (policy allowedClientNetworks; later also
  // devices that are not enrolled).
  'DEVICE_NOT_ALLOWED',
  // The username step needs a CAPTCHA answer first (policy: always, or after failures from this device or address).
  'CAPTCHA_REQUIRED',
  // The CAPTCHA answer was wrong, expired or already used: a new challenge is needed.
  'CAPTCHA_INVALID',
  // The directory refused or failed the change (the password was not changed).
  'DIRECTORY_ERROR',
  // The directory (LDAP, Active Directory) cannot be reached or did not answer in time; nothing was changed. The
  // server reconnects by itself when it is back.
  'DIRECTORY_UNAVAILABLE',
  // The reset server's own database (PostgreSQL) cannot be reached right now, for example while it restarts; the step
  // did not happen and the flow is where it was. The server reconnects by itself: the same step works again later.
  'STORE_UNAVAILABLE',
  // Every method the person has sends through a channel that is down right now (details.unavailableChannels says
  // which): nothing can be offered; try again later or ask the helpdesk. Known and unknown names alike.
  'METHODS_UNAVAILABLE',
  // The code (or call, or message) could not be sent: no delivery channel is configured, or the provider failed.
  'DELIVERY_FAILED',
  // The client could not reach the reset server (DNS, refused, TLS, offline).
  'SERVER_UNREACHABLE',
  // The reset server did not answer in time.
  'SERVER_TIMEOUT',
  // The reset server answered with something that does not match the contract.
  'SERVER_BAD_RESPONSE',
  // The desktop app's configuration is missing or invalid (for example a non-HTTPS server URL).
  'CONFIG_INVALID',
  // An IPC call came from a frame the main process does not trust.
  'SENDER_REJECTED',
  // The server is too busy to take this request now (its hash queue is full, or its event loop is saturated): nothing
  // was changed, and the same step may be sent again after details.retryAfterSeconds.
  'SERVER_BUSY',
  // Anything else; the server logs the cause (never a secret) under a correlation id.
  'INTERNAL',
  // Device trust (desktop app). The OS keychain is missing, locked or refused access: the device credential cannot
  // be read or stored, and the app never falls back to keeping it in a plain file.
  'KEYCHAIN_UNAVAILABLE',
  // The server does not accept this device: not enrolled while policy requires it, revoked, presented from another
  // machine, or a request whose signature, timestamp or nonce is wrong or replayed.
  'DEVICE_NOT_TRUSTED',
  // The enrollment token is unknown, expired, revoked or used up.
  'ENROLLMENT_TOKEN_INVALID',
  // A "This wasn't me" link that is unknown, forged, expired (7 days) or already used: nothing was changed.
  'NOTICE_LINK_INVALID',
  // Passkey: the assertion's challenge was already used (a captured or repeated answer), or its signature counter
  // did not move on (a cloned authenticator): refused, and counted as a failed check.
  'PASSKEY_REPLAYED',
  // Passkey: the passkey used is not one registered for this account (another person's, or a deleted one).
  'PASSKEY_WRONG_CREDENTIAL',
  // Passkey: the answer did not verify (signature, origin or relying party wrong, or no user verification).
  'PASSKEY_REJECTED',
  // Passkey (wizard only): the browser's passkey prompt was cancelled, timed out or found no passkey to use.
  'PASSKEY_CANCELLED',
  // Passkey (wizard only): passkeys cannot be used here (no WebAuthn, or an origin the reset server does not accept).
  'PASSKEY_UNSUPPORTED',
  // Passkey registration: the new passkey's response did not verify, or its challenge expired or was used.
  'PASSKEY_REGISTRATION_FAILED',
  // A Temporary Access Pass that was right but can no longer be used: past its lifetime, a one-time pass already
  // used, or revoked by the helpdesk. Only someone who typed the pass itself learns which.
  'TAP_EXPIRED',
  'TAP_USED',
  'TAP_REVOKED',
  // Registering security questions: an answer or a pick breaks a rule; details.answerRules lists each (with the
  // pick's index), so the page can mark every one at once.
  'SECURITY_ANSWERS_INVALID',
  // Authenticator app setup: the first code does not match the new secret (details.attemptsLeft), or there is no
  // setup waiting to be confirmed (never started, expired, or already confirmed: a confirmation is not replayed).
  'TOTP_ENROLLMENT_CODE_INVALID',
  'TOTP_ENROLLMENT_NOT_PENDING',
  // Security info: the policy does not let people register here, or not this kind of method.
  'REGISTRATION_NOT_ALLOWED',
  // Security info: the email address is not one (checked before any code is sent).
  'EMAIL_ADDRESS_INVALID',
  // Security info: the phone number is not a possible mobile number in international format (libphonenumber-js).
  'PHONE_NUMBER_INVALID',
  // Security info: this address or phone is registered already (for this person; others are never told about).
  'SECURITY_INFO_DUPLICATE',
  // Security info: removing it would leave fewer methods than the policy requires (never the last one).
  'SECURITY_INFO_REQUIRED',
  // Security info: no registered method of this person has that id (or it is the directory's, changed there).
  'SECURITY_INFO_UNKNOWN',
  // The shared rate-limit store (Redis, when configured) cannot be reached: the step is refused (fail closed) and
  // nothing changed; details.retryAfterSeconds says when to try the same step again. The server reconnects by itself.
  'THROTTLE_UNAVAILABLE',
  // Security info: pairing an approver device was denied on the device, or the number typed there was not the one
  // the wizard showed; nothing was saved.
  'APPROVER_PAIRING_REFUSED',
  // Security info: the new approver device did not confirm the pairing in time (the approval lifetime).
  'APPROVER_PAIRING_EXPIRED',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const PasswordRejectionReasonSchema = z.enum([
  'TOO_SHORT',
  'TOO_LONG',
  'MISSING_CHARACTER_CLASSES',
  'CONTAINS_USER_NAME',
  'BANNED_PASSWORD',
  'INVALID_CHARACTERS',
  // Known from breaches or lists of common passwords (checked offline).
  'BREACHED_PASSWORD',
  // One of the last passwords of this account (policy passwordPolicy.historyCount).
  'PASSWORD_IN_HISTORY',
  // The directory's own password policy refused it (AD complexity, length or history; ppolicy quality).
  'DIRECTORY_POLICY',
  // The current password is younger than the directory's minimum password age.
  'PASSWORD_TOO_RECENT',
]);
export type PasswordRejectionReason = z.infer<typeof PasswordRejectionReasonSchema>;

/**
 * What Entra-style scoring found in a refused password: the banned terms (each as listed, matched after
 * normalisation) and the points against the points needed. Shown to the person choosing it, never logged.
 */
export const PasswordFindingsSchema = z
  .object({
    bannedTerms: z.array(z.string().max(64)).max(32),
    points: z.number().int().min(0),
    pointsNeeded: z.number().int().min(0),
  })
  .strict();
export type PasswordFindings = z.infer<typeof PasswordFindingsSchema>;

/** Extra facts a screen may show. Never contains a secret. */
export const ErrorDetailsSchema = z
  .object({
    attemptsLeft: z.number().int().min(0).optional(),
    retryAfterSeconds: z.number().int().min(0).optional(),
    reasons: z.array(PasswordRejectionReasonSchema).optional(),
    password: PasswordFindingsSchema.optional(),
    contactUrl: z.string().optional(),
    correlationId: z.string().max(64).optional(),
    unavailableChannels: UnavailableChannelsSchema.optional(),
    answerRules: z.array(AnswerRuleBreachSchema).max(50).optional(),
  })
  .strict();
export type ErrorDetails = z.infer<typeof ErrorDetailsSchema>;

export const ApiErrorSchema = z
  .object({
    code: ErrorCodeSchema,
    // English developer-facing text for logs and API users; the wizard shows its own localized text per code.
    message: z.string().max(500),
    details: ErrorDetailsSchema.optional(),
  })
  .strict();
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** The body of every non-2xx HTTP response from the reset server. */
export const ErrorResponseSchema = z.object({ error: ApiErrorSchema }).strict();
export type ErrorResponse = z.infer<typeof ErrorResponseSchema>;

/** What every IPC call and every ResetApi call resolves to: never a thrown error across a process boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: ApiErrorSchema }).strict(),
  ]);
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(code: ErrorCode, message: string, details?: ErrorDetails): Result<T> {
  return details ? { ok: false, error: { code, message, details } } : { ok: false, error: { code, message } };
}
