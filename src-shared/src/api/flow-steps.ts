import { z } from 'zod';
import { PasswordPolicySchema } from '../password/password-policy';
import { UnavailableChannelsSchema } from './delivery-channels';
import { PasskeyRequestOptionsSchema } from './passkey-api';
import {
  ConfirmRegistrationStepSchema,
  ManageSecurityInfoStepSchema,
  SecurityInfoRequiredStepSchema,
  SignInStepSchema,
} from './security-info-api';

/**
 * The server-driven wizard: after every call the server says which step comes next, and the client renders exactly
 * that step. Clients never decide the order of steps themselves.
 */

// reset: forgot the password. unlock: knows it, but the account is locked. change: knows it and wants a new one.
// register: signs in to their security info to add, remove or choose the default of their methods.
export const FlowKindSchema = z.enum(['reset', 'unlock', 'change', 'register']);
export type FlowKind = z.infer<typeof FlowKindSchema>;

/**
 * The six ways of proving identity: a code by email or SMS, a voice call answered with #, security questions, a code
 * from an authenticator app (TOTP) and an approval in the authenticator app with number matching; and a passkey
 * (WebAuthn), the strongest.
 */
export const MethodKindSchema = z.enum([
  'email',
  'sms',
  'voice',
  'questions',
  'totp',
  'approval',
  'passkey',
  // A Temporary Access Pass the helpdesk issued (only where the policy lets it prove identity in a reset).
  'tap',
]);
export type MethodKind = z.infer<typeof MethodKindSchema>;

/** A registered method as the chooser shows it: the contact detail is masked by the server (j•••@contoso.com). */
export const MethodOptionSchema = z
  .object({
    id: z.string().min(1).max(64),
    kind: MethodKindSchema,
    maskedTarget: z.string().max(200),
  })
  .strict();
export type MethodOption = z.infer<typeof MethodOptionSchema>;

export const ChooseMethodStepSchema = z
  .object({
    kind: z.literal('chooseMethod'),
    // 1-based number of the verification gate this choice is for, and how many the policy requires.
    gate: z.number().int().min(1).max(2),
    gatesRequired: z.number().int().min(1).max(2),
    methods: z.array(MethodOptionSchema).min(1),
    // The channels that are down (their methods are not offered): one line each. Absent when none is.
    unavailableChannels: UnavailableChannelsSchema.min(1).optional(),
  })
  .strict();

export const EnterCodeStepSchema = z
  .object({
    kind: z.literal('enterCode'),
    gate: z.number().int().min(1).max(2),
    gatesRequired: z.number().int().min(1).max(2),
    method: MethodOptionSchema,
    codeLength: z.number().int().min(6).max(10),
    codeExpiresAt: z.iso.datetime(),
    attemptsLeft: z.number().int().min(0),
    // How many more codes may be sent for this method in this flow (email and SMS; absent for an authenticator app).
    resendsLeft: z.number().int().min(0).optional(),
  })
  .strict();

/**
 * One security question as the wizard shows it: a predefined question by its key (the wizard words it in the reader's
 * language), or the user's own question as they typed it.
 */
export const SecurityQuestionViewSchema = z
  .object({
    id: z.string().min(1).max(64),
    key: z.string().min(1).max(64).optional(),
    text: z.string().min(1).max(200).optional(),
  })
  .strict();
export type SecurityQuestionView = z.infer<typeof SecurityQuestionViewSchema>;

export const AnswerQuestionsStepSchema = z
  .object({
    kind: z.literal('answerQuestions'),
    gate: z.number().int().min(1).max(2),
    gatesRequired: z.number().int().min(1).max(2),
    method: MethodOptionSchema,
    questions: z.array(SecurityQuestionViewSchema).min(1).max(5),
    attemptsLeft: z.number().int().min(0),
  })
  .strict();

/**
 * Waiting for something that happens on the user's phone: a voice call to answer with #, or an approval in the
 * authenticator app where the user must pick `number`. The wizard polls until the server moves on.
 */
export const AwaitApprovalStepSchema = z
  .object({
    kind: z.literal('awaitApproval'),
    gate: z.number().int().min(1).max(2),
    gatesRequired: z.number().int().min(1).max(2),
    method: MethodOptionSchema,
    expiresAt: z.iso.datetime(),
    // Number matching (authenticator approval only): the number the approver must pick.
    number: z.number().int().min(10).max(99).optional(),
    // How long the wizard waits before asking again.
    pollAfterMs: z.number().int().min(250).max(10_000),
  })
  .strict();

/**
 * A passkey: the wizard runs navigator.credentials.get with `options` (the WebAuthn request options, as JSON) and
 * sends the assertion back (verifyPasskey). The options never name a credential (allowCredentials is empty: the
 * authenticator offers its passkeys for the server), so they look the same for every name typed.
 */
export const UsePasskeyStepSchema = z
  .object({
    kind: z.literal('usePasskey'),
    gate: z.number().int().min(1).max(2),
    gatesRequired: z.number().int().min(1).max(2),
    method: MethodOptionSchema,
    options: PasskeyRequestOptionsSchema,
    expiresAt: z.iso.datetime(),
  })
  .strict();

export const NewPasswordStepSchema = z
  .object({
    kind: z.literal('newPassword'),
    policy: PasswordPolicySchema,
    // The names the password may not contain, so live hints match the server (the user's own, already known to them).
    userNames: z.array(z.string().max(256)).max(8),
  })
  .strict();

/**
 * The change-password form: old password, new password, confirmation. It looks the same for every name typed (known
 * or not), so `userNames` never holds more than the client already knows; the server checks the full names after the
 * old password proved who is asking.
 */
export const ChangePasswordStepSchema = z
  .object({
    kind: z.literal('changePassword'),
    policy: PasswordPolicySchema,
    userNames: z.array(z.string().max(256)).max(8),
  })
  .strict();

export const DoneStepSchema = z
  .object({
    kind: z.literal('done'),
    outcome: z.enum(['passwordReset', 'accountUnlocked', 'passwordChanged', 'securityInfoSaved']),
  })
  .strict();

export const FlowStepSchema = z.discriminatedUnion('kind', [
  ChooseMethodStepSchema,
  EnterCodeStepSchema,
  AnswerQuestionsStepSchema,
  AwaitApprovalStepSchema,
  UsePasskeyStepSchema,
  NewPasswordStepSchema,
  ChangePasswordStepSchema,
  DoneStepSchema,
  SignInStepSchema,
  ManageSecurityInfoStepSchema,
  ConfirmRegistrationStepSchema,
  SecurityInfoRequiredStepSchema,
]);
export type FlowStep = z.infer<typeof FlowStepSchema>;
export type ChooseMethodStep = z.infer<typeof ChooseMethodStepSchema>;
export type EnterCodeStep = z.infer<typeof EnterCodeStepSchema>;
export type AnswerQuestionsStep = z.infer<typeof AnswerQuestionsStepSchema>;
export type AwaitApprovalStep = z.infer<typeof AwaitApprovalStepSchema>;
export type UsePasskeyStep = z.infer<typeof UsePasskeyStepSchema>;
export type NewPasswordStep = z.infer<typeof NewPasswordStepSchema>;
export type DoneStep = z.infer<typeof DoneStepSchema>;
export type ChangePasswordStep = z.infer<typeof ChangePasswordStepSchema>;
export type SignInStep = z.infer<typeof SignInStepSchema>;
export type ManageSecurityInfoStep = z.infer<typeof ManageSecurityInfoStepSchema>;
export type ConfirmRegistrationStep = z.infer<typeof ConfirmRegistrationStepSchema>;
export type SecurityInfoRequiredStep = z.infer<typeof SecurityInfoRequiredStepSchema>;

/** What a client (renderer) sees of a flow: the step to render and when the flow expires. No token. */
export const FlowViewSchema = z
  .object({
    flowKind: FlowKindSchema,
    expiresAt: z.iso.datetime(),
    step: FlowStepSchema,
  })
  .strict();
export type FlowView = z.infer<typeof FlowViewSchema>;
