import { z } from 'zod';
import { CaptchaSolutionSchema } from './captcha-api';
import { ChannelHealthSchema } from './delivery-channels';
import { FlowKindSchema, FlowViewSchema } from './flow-steps';

/**
 * The reset server's HTTP API (version 1). Every route validates its body with these schemas and every client
 * validates the responses with them. The flow token travels only in the FLOW_TOKEN_HEADER, never in a URL.
 */
export const API_PREFIX = '/api/v1';
export const FLOW_TOKEN_HEADER = 'x-resetdesk-flow';
// The approver device's key: given once at registration (as a link whose fragment holds it), sent only in this header.
export const APPROVER_KEY_HEADER = 'x-resetdesk-approver';

export const ROUTES = {
  // The operations' names, except the starts: startReset, startUnlock and startChange share this route (kind in body).
  startFlow: `${API_PREFIX}/flows`, // POST StartFlowRequest -> FlowResponse (201)
  getFlow: `${API_PREFIX}/flows/current`, // GET -> FlowResponse
  cancelFlow: `${API_PREFIX}/flows/current`, // DELETE -> 204 (the same path as getFlow)
  chooseMethod: `${API_PREFIX}/flows/current/method`, // POST ChooseMethodRequest -> FlowResponse
  verifyCode: `${API_PREFIX}/flows/current/code`, // POST VerifyCodeRequest -> FlowResponse
  setPassword: `${API_PREFIX}/flows/current/password`, // POST SetPasswordRequest -> FlowResponse
  checkPassword: `${API_PREFIX}/flows/current/password-verdict`, // POST SetPasswordRequest -> PasswordVerdict
  answerQuestions: `${API_PREFIX}/flows/current/answers`, // POST AnswerQuestionsRequest -> FlowResponse
  checkDecision: `${API_PREFIX}/flows/current/approval`, // POST {} -> FlowResponse (a pending call or approval)
  verifyPasskey: `${API_PREFIX}/flows/current/passkey`, // POST VerifyPasskeyRequest -> FlowResponse
  // Demo mode only (404 otherwise): register a passkey for a demo user until the registration flow exists.
  demoPasskeyBegin: `${API_PREFIX}/demo/passkey/options`, // POST DemoPasskeyBegin -> creation options (JSON)
  demoPasskeyFinish: `${API_PREFIX}/demo/passkey`, // POST DemoPasskeyFinish -> 201 { credentialId }
  approverPage: '/approver', // GET -> the approver's page (the device key travels in the URL fragment, never sent)
  approverScript: '/approver/approver.js', // GET -> the approver page's script
  approverRequests: `${API_PREFIX}/approver/requests`, // GET (APPROVER_KEY_HEADER) -> ApproverRequests
  approverDecision: `${API_PREFIX}/approver/decision`, // POST ApproverDecisionRequest (APPROVER_KEY_HEADER) -> Outcome
  demoPhone: `${API_PREFIX}/demo/phone`, // POST DemoPhoneRequest -> 204 (demo only: stands in for the user's phone)
  changePassword: `${API_PREFIX}/flows/current/change`, // POST ChangePasswordRequest -> FlowResponse (change flows)
  getPublicConfig: `${API_PREFIX}/config`, // GET -> PublicConfig
  health: '/healthz', // GET -> Health
  ready: '/readyz', // GET -> Readiness (200 ready, 503 not: a reason per failing part)
  metrics: '/metrics', // GET -> Prometheus text (loopback only, or with the configured bearer token)
  docs: '/docs', // GET -> the OpenAPI viewer; /docs/json is the OpenAPI 3.1 document
  demoOutbox: `${API_PREFIX}/demo/outbox`, // GET -> DemoOutbox (demo mode only; 404 otherwise)
  demoSignIn: `${API_PREFIX}/demo/sign-in`, // POST DemoSignInRequest -> DemoSignInResponse (demo mode only)
  getCaptcha: `${API_PREFIX}/captcha`, // POST {} -> CaptchaChallenge (201)
  requestHelp: `${API_PREFIX}/help-requests`, // POST HelpRequest -> HelpRequestReceived (202)
  // Security info (register flows): the password, then add / confirm / remove / default / back / finish.
  signIn: `${API_PREFIX}/flows/current/sign-in`, // POST SignInRequest -> FlowResponse
  beginRegistration: `${API_PREFIX}/flows/current/security-info`, // POST BeginRegistrationRequest -> FlowResponse
  confirmRegistration: `${API_PREFIX}/flows/current/security-info/proof`, // POST ConfirmRegistrationRequest
  removeSecurityInfo: `${API_PREFIX}/flows/current/security-info/removal`, // POST SecurityInfoItemRequest
  setDefaultMethod: `${API_PREFIX}/flows/current/security-info/default`, // POST SecurityInfoItemRequest
  showSecurityInfo: `${API_PREFIX}/flows/current/security-info/list`, // POST {} -> FlowResponse (back to the list)
  finishRegistration: `${API_PREFIX}/flows/current/security-info/done`, // POST {} -> FlowResponse (done)
  // Security info opened with a Temporary Access Pass instead of the password (and the one-method gate).
  signInWithTap: `${API_PREFIX}/flows/current/tap-sign-in`, // POST TapSignInRequest -> FlowResponse
  // A change flow whose person must register or reconfirm: on to the register flow it hands over (once).
  continueToSecurityInfo: `${API_PREFIX}/flows/current/security-info-required`, // POST {} -> FlowResponse (manage)
} as const;

// Usernames as people type them: a UPN (jan@contoso.com), sAMAccountName or DOMAIN\name. Trimmed before use.
export const UsernameSchema = z
  .string()
  .trim()
  .min(1)
  .max(256)
  .regex(/^\P{Cc}+$/u, 'no control characters');

// Bounded so that a hostile client cannot make the server hash megabytes.
export const NewPasswordSchema = z.string().min(1).max(1024);

export const StartFlowRequestSchema = z
  .object({
    kind: FlowKindSchema,
    username: UsernameSchema,
    locale: z.string().max(35).optional(),
    // Required when the server answered CAPTCHA_REQUIRED (policy: always, or after failures from this address).
    captcha: CaptchaSolutionSchema.optional(),
  })
  .strict();
export type StartFlowRequest = z.infer<typeof StartFlowRequestSchema>;

export const ChooseMethodRequestSchema = z.object({ methodId: z.string().min(1).max(64) }).strict();
export type ChooseMethodRequest = z.infer<typeof ChooseMethodRequestSchema>;

export const VerifyCodeRequestSchema = z
  .object({ code: z.string().trim().regex(/^[0-9]{6,10}$/u, 'digits only') })
  .strict();
export type VerifyCodeRequest = z.infer<typeof VerifyCodeRequestSchema>;

// Answers are 3-40 characters when registered; the bound here only keeps hostile bodies cheap to hash.
export const SecurityAnswerSchema = z.string().max(200);

export const AnswerQuestionsRequestSchema = z
  .object({
    answers: z
      .array(z.object({ questionId: z.string().min(1).max(64), answer: SecurityAnswerSchema }).strict())
      .min(1)
      .max(5),
  })
  .strict();
export type AnswerQuestionsRequest = z.infer<typeof AnswerQuestionsRequestSchema>;

export const SetPasswordRequestSchema = z.object({ newPassword: NewPasswordSchema }).strict();
export type SetPasswordRequest = z.infer<typeof SetPasswordRequestSchema>;

// The old password is only compared, never stored; the same bound keeps a hostile client from making the server hash
// megabytes.
export const ChangePasswordRequestSchema = z
  .object({ oldPassword: NewPasswordSchema, newPassword: NewPasswordSchema })
  .strict();
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

/** Every successful flow call answers with the token (unchanged for the flow's life) and the next step. */
export const FlowResponseSchema = z
  .object({
    flowToken: z.string().min(32).max(128),
    flow: FlowViewSchema,
  })
  .strict();
export type FlowResponse = z.infer<typeof FlowResponseSchema>;

export const PublicConfigSchema = z
  .object({
    organizationName: z.string().max(200),
    contactAdminUrl: z.string().max(500).optional(),
    demoMode: z.boolean(),
    // Policy switches the first screen needs (this server always sends them; absent from an older server means
    // "not known"). The server refuses whatever its policy forbids either way.
    unlockAllowed: z.boolean().optional(),
    changeAllowed: z.boolean().optional(),
    // "Set up security info" on the first screen (policy registrationAllowed).
    registrationAllowed: z.boolean().optional(),
    // The tenant's domain (policy emailDomain): the User ID field's example uses it, so it shows a name that works.
    userIdDomain: z.string().max(200).optional(),
  })
  .strict();
export type PublicConfig = z.infer<typeof PublicConfigSchema>;

// `channels`: each configured delivery channel's state (empty in the demo and without a delivery configuration).
export const HealthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), channels: z.array(ChannelHealthSchema).max(4) })
  .strict();

export const DemoOutboxMessageSchema = z
  .object({
    id: z.number().int(),
    channel: z.enum(['email', 'sms', 'voice', 'push']),
    to: z.string(),
    subject: z.string(),
    body: z.string(),
    createdAt: z.iso.datetime(),
  })
  .strict();
export type DemoOutboxMessage = z.infer<typeof DemoOutboxMessageSchema>;

// Newest first.
export const DemoOutboxSchema = z.object({ messages: z.array(DemoOutboxMessageSchema) }).strict();

export const DemoSignInRequestSchema = z.object({ username: UsernameSchema, password: NewPasswordSchema }).strict();
export const DemoSignInResponseSchema = z.object({ signedIn: z.boolean() }).strict();

/**
 * A pending approval as the approver page shows it: where and when it comes from. The number is not in it: the
 * person types the number the wizard shows (number matching as Entra does it), so a random tap cannot approve.
 */
export const ApproverRequestSchema = z
  .object({
    id: z.string().min(1).max(64),
    requestedAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    // The client's address as the reset server saw it (null when unknown).
    fromIp: z.string().max(64).nullable(),
    organizationName: z.string().max(200),
    username: z.string().max(256),
    // What approving does: a sign-in (a reset's proof), or pairing this device with the person's security info.
    purpose: z.enum(['signIn', 'pairing']).optional(),
  })
  .strict();
export type ApproverRequest = z.infer<typeof ApproverRequestSchema>;

export const ApproverRequestsSchema = z.object({ requests: z.array(ApproverRequestSchema) }).strict();

export const ApproverDecisionRequestSchema = z.discriminatedUnion('decision', [
  // The number as the person typed it off the wizard's screen.
  z
    .object({ requestId: z.string().min(1).max(64), decision: z.literal('approve'), number: z.number().int().min(0).max(999) })
    .strict(),
  z.object({ requestId: z.string().min(1).max(64), decision: z.literal('deny') }).strict(),
]);
export type ApproverDecisionRequest = z.infer<typeof ApproverDecisionRequestSchema>;

export const ApproverDecisionResponseSchema = z.object({ outcome: z.enum(['approved', 'denied']) }).strict();

/** The demo's stand-in for a phone: answer the call and press #, or let it go unanswered / hang up. */
export const DemoPhoneRequestSchema = z
  .object({ callId: z.string().min(16).max(128), action: z.enum(['press-hash', 'hang-up']) })
  .strict();
