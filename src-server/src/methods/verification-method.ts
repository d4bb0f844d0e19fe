import type {
  DeliveryChannel,
  ErrorCode,
  ErrorDetails,
  MethodKind,
  MethodOption,
  PasskeyAssertion,
  PasskeyRequestOptions,
  SecurityQuestionView,
} from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import type { DecoyProfile } from './decoy-profile';
import type { Log } from '../support/log';

/** What the wizard shows while a challenge is open; the flow service wraps it into the step of the same family. */
export type ChallengeView =
  | { kind: 'code'; expiresAt: Date; attemptsLeft: number; codeLength: number; resendsLeft?: number }
  | { kind: 'questions'; questions: SecurityQuestionView[]; attemptsLeft: number }
  | { kind: 'approval'; expiresAt: Date; number?: number }
  // A passkey: the WebAuthn request options the wizard passes to navigator.credentials.get.
  | { kind: 'passkey'; expiresAt: Date; options: PasskeyRequestOptions };

/** The code currently waiting for the user (the code methods' part of their view). */
export interface ChallengeStatus {
  expiresAt: Date;
  attemptsLeft: number;
}

/** What the person gives back: a code, a set of answers, or nothing (a poll: "has my phone approved yet?"). */
export type VerificationAnswer =
  | { kind: 'code'; code: string }
  | { kind: 'answers'; answers: readonly { questionId: string; answer: string }[] }
  | { kind: 'poll' }
  // A passkey's assertion (passkey/).
  | { kind: 'passkey'; assertion: PasskeyAssertion };

export type ChallengeCheck =
  | { result: 'ok' }
  | { result: 'invalid'; attemptsLeft: number }
  // A passkey's wrong answer says which kind of wrong (each has its own error code: passkey/passkey-method.ts).
  | { result: 'invalid'; attemptsLeft: number; reason: 'replayed' | 'wrong_credential' | 'rejected' }
  | { result: 'expired' }
  | { result: 'attempts_exceeded' }
  // Calls and approvals: nothing decided yet, or the person (or their phone) said no.
  | { result: 'pending' }
  // alreadyCounted: the same denial seen again by a later poll (it counts as one failed check, once).
  | { result: 'denied'; alreadyCounted?: boolean }
  // A right secret that can no longer be used (a Temporary Access Pass past its lifetime, used up or revoked).
  | { result: 'unusable'; reason: 'expired' | 'used' | 'revoked' };

/** A check that did not pass and is not waiting: the flow refuses it with the method's failure (failureOf). */
export type FailedCheck = Exclude<ChallengeCheck, { result: 'ok' | 'pending' }>;

/** What a failed check means for the person, in the words of the method they used. */
export interface VerificationFailure {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

export interface SendChallengeInput {
  flowId: string;
  option: MethodOption;
  // Null for a decoy flow: record a challenge that nothing can answer, and deliver nothing.
  recipient: DirectoryUser | null;
  // A decoy flow's profile (what it pretends is registered), so the challenge looks like a real one.
  decoy?: DecoyProfile | null;
  // The challenge must not outlive its flow.
  notAfter: Date;
  // Where the request comes from, for the approver to judge (never used for anything else).
  clientIp?: string | null;
  // The flow's language (a BCP 47 tag from the wizard): what is sent to the person is in it.
  locale?: string | null;
  // The request's logger (the enqueue of what is sent is logged on it).
  log?: Log;
}

/**
 * One way of proving identity: email code, SMS code, voice call, security questions, authenticator code (TOTP) or
 * authenticator approval. Each method owns its challenges' storage, expiry and attempt counting; the flow service
 * only asks these questions, so every flow kind (reset, unlock) verifies the same way.
 */
export interface VerificationMethod {
  readonly kind: MethodKind;
  /** Which answer this method expects (the flow service refuses the others as FLOW_STEP_MISMATCH). */
  readonly answerKind: VerificationAnswer['kind'];
  /** Whether the policy's send cap applies (methods that send something: codes, calls, approval requests). */
  readonly capsSends: boolean;
  /**
   * The delivery channel its challenge travels through (email code: email, SMS: sms, call: voice); absent for methods
   * that need none (questions, authenticator codes, approvals). While that channel is down the method is not offered.
   */
  readonly channel?: DeliveryChannel;
  /** How the chooser shows this method for the user, or null when the user has nothing registered for it. */
  optionFor(user: DirectoryUser): MethodOption | null | Promise<MethodOption | null>;
  /**
   * The option a decoy flow shows for an unknown name, from its profile (flows/decoy/): the same shape as a real
   * account's, stable per name, unpredictable without the server's key.
   */
  decoyOptionFor(profile: DecoyProfile): MethodOption;
  /** Challenges already sent for this method in this flow (to cap resends). */
  challengesSent(flowId: string, methodId: string): Promise<number>;
  /** True once too many wrong answers locked this method for this flow. */
  isLocked(flowId: string, methodId: string): Promise<boolean>;
  /** Sends a fresh challenge; any earlier one for the same flow and method stops working. */
  sendChallenge(input: SendChallengeInput): Promise<void>;
  /** The open challenge as the wizard shows it, or null when there is none. */
  view(flowId: string, methodId: string): Promise<ChallengeView | null>;
  /** Checks an answer against the newest challenge. A correct answer is used up. */
  verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck>;
  /** The error code, message and details the flow refuses a failed check with. */
  failureOf(check: FailedCheck): VerificationFailure;
}
