import type { MethodKind, MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';

/** The code currently waiting for the user, as the enterCode step shows it. */
export interface ChallengeStatus {
  expiresAt: Date;
  attemptsLeft: number;
}

export type ChallengeCheck =
  | { result: 'ok' }
  | { result: 'invalid'; attemptsLeft: number }
  | { result: 'expired' }
  | { result: 'attempts_exceeded' };

export interface SendChallengeInput {
  flowId: string;
  option: MethodOption;
  // Null for a decoy flow: record a challenge that nothing can answer, and deliver nothing.
  recipient: DirectoryUser | null;
  // The challenge must not outlive its flow.
  notAfter: Date;
}

/**
 * One way of proving identity (email code now; SMS, voice, security questions, TOTP and manager approval later).
 * Each method owns its challenges' storage, expiry and attempt counting.
 */
export interface VerificationMethod {
  readonly kind: MethodKind;
  /** How the chooser shows this method for the user, or null when the user has nothing registered for it. */
  optionFor(user: DirectoryUser): MethodOption | null;
  /** The option a decoy flow shows for an unknown name: same shape, stable per name, unpredictable without the key. */
  decoyOptionFor(normalizedName: string): MethodOption;
  /** Challenges already sent for this method in this flow (to cap resends). */
  challengesSent(flowId: string, methodId: string): Promise<number>;
  /** True once too many wrong answers locked this method for this flow. */
  isLocked(flowId: string, methodId: string): Promise<boolean>;
  /** Sends a fresh challenge; any earlier one for the same flow and method stops working. */
  sendChallenge(input: SendChallengeInput): Promise<void>;
  status(flowId: string, methodId: string): Promise<ChallengeStatus | null>;
  /** Checks an answer against the newest challenge. A correct answer is used up. */
  verify(flowId: string, methodId: string, answer: string): Promise<ChallengeCheck>;
}
