import type { ApiError, FlowStep } from '@resetdesk/shared';

// Which server answers a screen can take in place, and which steps wait on another device: pure rules the flow store
// (reset-flow-store.ts) applies to each answer.

// What the change form can fix in place (the user retypes); everything else ends the flow on the error screen.
export const CHANGE_STEP_ERRORS: ReadonlySet<ApiError['code']> = new Set([
  'CREDENTIALS_INVALID',
  'PASSWORD_REJECTED',
  'PASSWORD_REUSED',
]);

// The server's answers about the new password itself: they stop applying as soon as it is edited.
export const NEW_PASSWORD_REJECTIONS: ReadonlySet<ApiError['code']> = new Set(['PASSWORD_REJECTED', 'PASSWORD_REUSED']);

// A refused passkey answer: the step's challenge is still open, so the person may try again on the same screen.
export const PASSKEY_STEP_ERRORS: ReadonlySet<ApiError['code']> = new Set([
  'PASSKEY_REPLAYED',
  'PASSKEY_WRONG_CREDENTIAL',
  'PASSKEY_REJECTED',
]);

/** The steps that wait for a decision made on another device: a reset's approval or call, an approver's pairing. */
export function awaitsDecision(step: FlowStep | undefined): boolean {
  return step?.kind === 'awaitApproval' || (step?.kind === 'confirmRegistration' && step.proof.kind === 'approval');
}

/** Whether a poll's answer is still the same wait (nothing decided yet), so the screen stays as it is. */
export function sameDecision(current: FlowStep | undefined, next: FlowStep): boolean {
  if (next.kind === 'awaitApproval') return current?.kind === 'awaitApproval';
  if (next.kind !== 'confirmRegistration' || current?.kind !== 'confirmRegistration') return false;
  return next.proof.kind === 'approval' && current.proof.kind === 'approval' &&
    next.proof.expiresAt === current.proof.expiresAt;
}
