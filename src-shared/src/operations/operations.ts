import { z } from 'zod';
import { CaptchaChallengeSchema, CaptchaSolutionSchema } from '../api/captcha-api';
import type { FlowKind } from '../api/flow-steps';
import { FlowViewSchema } from '../api/flow-steps';
import {
  AnswerQuestionsRequestSchema,
  ChangePasswordRequestSchema,
  ChooseMethodRequestSchema,
  PublicConfigSchema,
  ROUTES,
  SetPasswordRequestSchema,
  UsernameSchema,
  VerifyCodeRequestSchema,
} from '../api/http-api';
import { VerifyPasskeyRequestSchema } from '../api/passkey-api';
import { HelpRequestReceivedSchema, HelpRequestSchema } from '../api/help-request-api';
import {
  BeginRegistrationRequestSchema,
  ConfirmRegistrationRequestSchema,
  SecurityInfoItemRequestSchema,
  SignInRequestSchema,
  TapSignInRequestSchema,
} from '../api/security-info-api';
import { PasswordVerdictSchema } from '../api/password-verdict-api';
import type { OperationName } from './operation-names';

/**
 * How the main process answers an operation:
 * - `start`: starts a flow (cancelling the window's previous one) and keeps the token it gets;
 * - `flow`: needs the window's flow token, answers the FlowView and keeps (or, once done, forgets) the token;
 * - `flowQuery`: needs the token and answers the server's value as it is (it does not move the flow);
 * - `plain`: no token involved;
 * - `appInfo`, `cancel`: answered by the main process itself (cancel also tells the server, best effort).
 */
export type Relay = 'start' | 'flow' | 'flowQuery' | 'plain' | 'appInfo' | 'cancel';

export interface HttpBinding {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  successStatus: 200 | 201 | 202 | 204;
  /** The server also takes the request without a body (it carries nothing: curl and the bench send none). */
  bodyOptional?: true;
}

export interface OperationDeclaration {
  /** What the caller sends (over IPC, and as the HTTP body; a start also sends its flowKind). */
  input: z.ZodType;
  /** The value of a successful answer (a `flow` or `start` answer is the FlowView; the token never leaves main). */
  output: z.ZodType;
  relay: Relay;
  /** The reset server's route; absent for operations the main process answers alone. */
  http?: HttpBinding;
  /** For `start` operations: which kind of flow the server starts. */
  flowKind?: FlowKind;
}

const EmptyInputSchema = z.object({}).strict();

// Every kind of flow starts from the same screen with the same fields (the CAPTCHA when the server asks for one).
export const StartFlowInputSchema = z
  .object({
    username: UsernameSchema,
    locale: z.string().max(35).optional(),
    captcha: CaptchaSolutionSchema.optional(),
  })
  .strict();

export const CancelledSchema = z.object({ cancelled: z.literal(true) }).strict();

export const AppInfoSchema = z
  .object({
    // Desktop only: the app's version and the server it talks to (a browser knows its page's origin).
    version: z.string().optional(),
    serverOrigin: z.string().optional(),
    organizationName: z.string(),
    contactAdminUrl: z.string().optional(),
    // Managed setting: after this many idle seconds the wizard counts down, wipes and starts over.
    idleTimeoutSeconds: z.number().int().min(30).max(3600).optional(),
    // The configured start language, and which settings the organisation manages (policy): the UI marks those.
    locale: z.string().max(35).optional(),
    managedSettings: z.array(z.string().max(40)).max(20).optional(),
    // The policy switches of the first screen's links (absent: not known, as from an older server).
    unlockAllowed: z.boolean().optional(),
    changeAllowed: z.boolean().optional(),
    registrationAllowed: z.boolean().optional(),
    // The tenant's domain, for the User ID field's example (from the server's public config).
    userIdDomain: z.string().max(200).optional(),
  })
  .strict();
export type AppInfo = z.infer<typeof AppInfoSchema>;

const post = (path: string, successStatus: HttpBinding['successStatus'] = 200) =>
  ({ method: 'POST', path, successStatus }) as const;

function start<K extends FlowKind>(flowKind: K) {
  return {
    input: StartFlowInputSchema,
    output: FlowViewSchema,
    relay: 'start',
    flowKind,
    http: post(ROUTES.startFlow, 201),
  } as const;
}

function flowStep<I extends z.ZodType>(input: I, http: HttpBinding) {
  return { input, output: FlowViewSchema, relay: 'flow', http } as const;
}

/** The one declaration of every operation between the wizard, the main process and the reset server. */
export const OPERATIONS = {
  startReset: start('reset'),
  // "I know my password but my account is locked": the same verification as a reset, then an unlock.
  startUnlock: start('unlock'),
  startChange: start('change'),
  chooseMethod: flowStep(ChooseMethodRequestSchema, post(ROUTES.chooseMethod)),
  verifyCode: flowStep(VerifyCodeRequestSchema, post(ROUTES.verifyCode)),
  // The flow's current step again (after a rejected set of answers the server has picked new questions).
  getFlow: flowStep(EmptyInputSchema, { method: 'GET', path: ROUTES.getFlow, successStatus: 200 }),
  answerQuestions: flowStep(AnswerQuestionsRequestSchema, post(ROUTES.answerQuestions)),
  // Asks whether a pending voice call or approval was answered (a POST: it may move the flow on).
  checkDecision: flowStep(EmptyInputSchema, post(ROUTES.checkDecision)),
  // The passkey's assertion (navigator.credentials.get's answer to the usePasskey step's options).
  verifyPasskey: flowStep(VerifyPasskeyRequestSchema, post(ROUTES.verifyPasskey)),
  setPassword: flowStep(SetPasswordRequestSchema, post(ROUTES.setPassword)),
  // The server's live verdict on the password being typed (new-password step of a verified reset only).
  checkPassword: {
    input: SetPasswordRequestSchema,
    output: PasswordVerdictSchema,
    relay: 'flowQuery',
    http: post(ROUTES.checkPassword),
  },
  changePassword: flowStep(ChangePasswordRequestSchema, post(ROUTES.changePassword)),
  cancelFlow: {
    input: EmptyInputSchema,
    output: CancelledSchema,
    relay: 'cancel',
    http: { method: 'DELETE', path: ROUTES.cancelFlow, successStatus: 204 },
  },
  // A new CAPTCHA for the username step (after CAPTCHA_REQUIRED or CAPTCHA_INVALID).
  getCaptcha: {
    input: EmptyInputSchema,
    output: CaptchaChallengeSchema,
    relay: 'plain',
    http: { ...post(ROUTES.getCaptcha, 201), bodyOptional: true },
  },
  // "Contact your administrator": the name as typed and the error the wizard showed.
  requestHelp: {
    input: HelpRequestSchema,
    output: HelpRequestReceivedSchema,
    relay: 'plain',
    http: post(ROUTES.requestHelp, 202),
  },
  getAppInfo: { input: EmptyInputSchema, output: AppInfoSchema, relay: 'appInfo' },
  // The server's public config as it is now (the policy switches of the first screen may change while a kiosk runs).
  getPublicConfig: {
    input: EmptyInputSchema,
    output: PublicConfigSchema,
    relay: 'plain',
    http: { method: 'GET', path: ROUTES.getPublicConfig, successStatus: 200 },
  },
  // Security info: sign in with the password (then one registered method, through chooseMethod and verifyCode or
  // the others), then add a method and prove it, remove one, choose the default, and finish.
  startRegistration: start('register'),
  signIn: flowStep(SignInRequestSchema, post(ROUTES.signIn)),
  beginRegistration: flowStep(BeginRegistrationRequestSchema, post(ROUTES.beginRegistration)),
  confirmRegistration: flowStep(ConfirmRegistrationRequestSchema, post(ROUTES.confirmRegistration)),
  removeSecurityInfo: flowStep(SecurityInfoItemRequestSchema, post(ROUTES.removeSecurityInfo)),
  setDefaultMethod: flowStep(SecurityInfoItemRequestSchema, post(ROUTES.setDefaultMethod)),
  showSecurityInfo: flowStep(EmptyInputSchema, { ...post(ROUTES.showSecurityInfo), bodyOptional: true }),
  finishRegistration: flowStep(EmptyInputSchema, { ...post(ROUTES.finishRegistration), bodyOptional: true }),
  // Security info with a Temporary Access Pass instead of the password; after a change password that left the
  // person with security info to register or reconfirm, on to the register flow the change flow hands over.
  signInWithTap: flowStep(TapSignInRequestSchema, post(ROUTES.signInWithTap)),
  continueToSecurityInfo: flowStep(EmptyInputSchema, { ...post(ROUTES.continueToSecurityInfo), bodyOptional: true }),
} as const satisfies { [N in OperationName]: OperationDeclaration };

export type Operations = typeof OPERATIONS;

/** What a caller passes (before the receiving side trims and applies defaults). */
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
/** The input as the receiving side has it after validation. */
export type ParsedOperationInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.infer<Operations[N]['output']>;

export type OperationsWithRelay<R extends Relay> = {
  [N in OperationName]: Operations[N]['relay'] extends R ? N : never;
}[OperationName];

/** Operations the reset server answers (every one with an HTTP route). */
export type RemoteOperationName = {
  [N in OperationName]: Operations[N] extends { http: HttpBinding } ? N : never;
}[OperationName];
