import type { SignInResult } from '../../directory/directory';
import type { ChallengeCheck } from '../../methods/verification-method';
import type { CheckVerdict } from '../../policy/reset-guard';

/**
 * How the throttle counts a method's answer. A wrong code, wrong answers, a denied approval or a wrong number picked:
 * someone failed to prove who they are. A pending poll or an expired code judged nothing.
 */
export function verdictOfChallenge(check: ChallengeCheck): CheckVerdict {
  switch (check.result) {
    case 'ok':
      return 'pass';
    case 'invalid':
    case 'attempts_exceeded':
      return 'fail';
    // A denial counts once, however often the wizard polls after it.
    case 'denied':
      return check.alreadyCounted === true ? 'none' : 'fail';
    // 'unusable': the right pass, past its use; whoever typed it holds it, so it is no guess.
    case 'pending':
    case 'expired':
    case 'unusable':
      return 'none';
  }
}

/** An old password: wrong is a failure; right (even for a locked or disabled account) is not. */
export function verdictOfSignIn(result: SignInResult): CheckVerdict {
  return result === 'invalid' ? 'fail' : 'pass';
}
