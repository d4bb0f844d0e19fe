import type { ChangePasswordStep, DoneStep, FlowKind } from '@resetdesk/shared';
import type { ResetPolicy } from '../../policy/reset-policy';

/** What a finished flow of each kind achieved: the done screen says it in those words. */
export function doneOutcomeOf(kind: FlowKind): DoneStep['outcome'] {
  switch (kind) {
    case 'reset':
      return 'passwordReset';
    case 'unlock':
      return 'accountUnlocked';
    case 'change':
      return 'passwordChanged';
    case 'register':
      return 'securityInfoSaved';
  }
}

/**
 * The change-password form. It is the same for every typed name, known or not (no user names: the client adds the
 * name it typed for the live hints, and the server checks the full names once the old password proved who asks).
 */
export function changePasswordStep(policy: ResetPolicy): ChangePasswordStep {
  return { kind: 'changePassword', policy: policy.passwordPolicy, userNames: [] };
}
