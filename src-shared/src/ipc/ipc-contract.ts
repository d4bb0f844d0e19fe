import { z } from 'zod';
import { resultSchema } from '../errors/error-codes';
import { FlowViewSchema } from '../api/flow-steps';
import { PasswordVerdictSchema } from '../api/password-verdict-api';
import { CaptchaChallengeSchema, CaptchaSolutionSchema, HelpRequestReceivedSchema } from '../api/abuse-api';
import {
  AnswerQuestionsRequestSchema,
  CheckApprovalRequestSchema,
  ChangePasswordRequestSchema,
  ChooseMethodRequestSchema,
  HelpRequestSchema,
  SetPasswordRequestSchema,
  UsernameSchema,
  VerifyCodeRequestSchema,
} from '../api/http-api';

/**
 * The one typed map of IPC channels. The main process registers exactly these handlers, the preload exposes exactly
 * these functions (under `bridgeName`), and both sides validate with these schemas. The renderer never holds the flow
 * token: the main process keeps it per window.
 */
// Every kind of flow starts from the same screen with the same fields (the CAPTCHA when the server asks for one).
const StartFlowInputSchema = z
      .object({
        username: UsernameSchema,
        locale: z.string().max(35).optional(),
        captcha: CaptchaSolutionSchema.optional(),
      })
      .strict();

export const IPC_CONTRACT = {
  'flow:start': {
    bridgeName: 'startReset',
    input: StartFlowInputSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:chooseMethod': {
    bridgeName: 'chooseMethod',
    input: ChooseMethodRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:verifyCode': {
    bridgeName: 'verifyCode',
    input: VerifyCodeRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  // The flow's current step again (after a rejected set of answers the server has picked new questions).
  'flow:current': {
    bridgeName: 'getFlow',
    input: z.object({}).strict(),
    output: resultSchema(FlowViewSchema),
  },
  'flow:answerQuestions': {
    bridgeName: 'answerQuestions',
    input: AnswerQuestionsRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:checkApproval': {
    bridgeName: 'checkApproval',
    input: CheckApprovalRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:setPassword': {
    bridgeName: 'setPassword',
    input: SetPasswordRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  // The server's live verdict on the password being typed (new-password step of a verified reset only).
  'flow:passwordVerdict': {
    bridgeName: 'checkPassword',
    input: SetPasswordRequestSchema,
    output: resultSchema(PasswordVerdictSchema),
  },
  'flow:startUnlock': {
    bridgeName: 'startUnlock',
    input: StartFlowInputSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:startChange': {
    bridgeName: 'startChange',
    input: StartFlowInputSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:changePassword': {
    bridgeName: 'changePassword',
    input: ChangePasswordRequestSchema,
    output: resultSchema(FlowViewSchema),
  },
  'flow:cancel': {
    bridgeName: 'cancelFlow',
    input: z.object({}).strict(),
    output: resultSchema(z.object({ cancelled: z.literal(true) }).strict()),
  },
  'captcha:get': {
    bridgeName: 'getCaptcha',
    input: z.object({}).strict(),
    output: resultSchema(CaptchaChallengeSchema),
  },
  'help:request': {
    bridgeName: 'requestHelp',
    input: HelpRequestSchema,
    output: resultSchema(HelpRequestReceivedSchema),
  },
  'app:info': {
    bridgeName: 'getAppInfo',
    input: z.object({}).strict(),
    output: resultSchema(
      z
        .object({
          version: z.string(),
          serverOrigin: z.string(),
          organizationName: z.string(),
          contactAdminUrl: z.string().optional(),
          // Managed setting: after this many idle seconds the wizard counts down, wipes and starts over.
          idleTimeoutSeconds: z.number().int().min(30).max(3600).optional(),
          // The configured start language, and which settings the organisation manages (policy): the UI marks those.
          locale: z.string().max(35).optional(),
          managedSettings: z.array(z.string().max(40)).max(20).optional(),
          // The policy switches of the first screen's links (absent: not known, as from an older main process).
          unlockAllowed: z.boolean().optional(),
          changeAllowed: z.boolean().optional(),
          // The tenant's domain, for the User ID field's example (from the server's public config).
          userIdDomain: z.string().max(200).optional(),
        })
        .strict(),
    ),
  },
} as const;

export type IpcContract = typeof IPC_CONTRACT;
export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS = Object.keys(IPC_CONTRACT) as IpcChannel[];

export type IpcInput<C extends IpcChannel> = z.input<IpcContract[C]['input']>;
export type IpcOutput<C extends IpcChannel> = z.infer<IpcContract[C]['output']>;

/** The object the preload exposes on `window[RESETDESK_BRIDGE_KEY]`: one async function per channel. */
export type ResetDeskBridge = {
  [C in IpcChannel as IpcContract[C]['bridgeName']]: (input: IpcInput<C>) => Promise<IpcOutput<C>>;
};

export const RESETDESK_BRIDGE_KEY = 'resetdesk';

/** Builds the bridge from one `invoke(channel, input)` function: used by the preload and by the browser tests. */
export function buildBridge(invoke: (channel: IpcChannel, input: unknown) => Promise<unknown>): ResetDeskBridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    bridge[IPC_CONTRACT[channel].bridgeName] = (input: unknown) => invoke(channel, input);
  }
  return bridge as unknown as ResetDeskBridge;
}
