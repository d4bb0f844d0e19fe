import type { Registrars } from '../../methods/method-registrar';
import type { SecurityInfoProfiles } from '../../methods/security-info-profiles';
import type { TemporaryAccessPasses } from '../../methods/temporary-access-pass/temporary-access-passes';
import type { FlowEngine } from '../engine/flow-engine';
import type { VerifiedFlowDeps } from '../verification/verification-deps';

/** What register flows are built from: the verified flows' parts (they reuse its gate) and the registrars. */
export interface RegistrationDeps extends VerifiedFlowDeps {
  // One per kind that can be registered here (methods/method-registrar.ts).
  registrars: Registrars;
  profiles: SecurityInfoProfiles;
  // The helpdesk's passes: one opens security info instead of the password and the method gate (tap-sign-in.ts).
  passes?: TemporaryAccessPasses;
}

export type RegistrationKit = RegistrationDeps & { engine: FlowEngine };
