import type { MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import { remainingOptions } from '../methods/authenticators';
import type { VerificationMethod } from '../methods/verification-method';
import type { ResetRequirements } from '../policy/reset-eligibility';
import type { DecoyFlows } from './decoy/decoy-flows';
import type { DecoyProfile } from './decoy/decoy-profile';

/** Who a flow is about: a directory user, or nobody (a decoy for a name that matched no user). */
export type Subject =
  | { kind: 'user'; user: DirectoryUser }
  | { kind: 'decoy'; name: string; profile: DecoyProfile };

/**
 * The options the policy allows for this account (admins: never security questions) and the subject has registered
 * (a decoy: what its profile says), in the policy's order, minus every option whose authenticator an earlier gate of
 * this flow already proved (methods/authenticators.ts).
 */
export async function availableOptions(
  deps: { methods: readonly VerificationMethod[]; decoys: DecoyFlows },
  subject: Subject,
  passed: readonly string[],
  requirements: ResetRequirements,
): Promise<MethodOption[]> {
  if (subject.kind === 'decoy') return remainingOptions(deps.decoys.options(subject.profile, requirements), passed, null);
  const options: MethodOption[] = [];
  for (const kind of requirements.methodKinds) {
    const option = await deps.methods.find((m) => m.kind === kind)?.optionFor(subject.user);
    if (option) options.push(option);
  }
  return remainingOptions(options, passed, subject.user);
}
