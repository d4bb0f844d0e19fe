import type { Registrars } from '../../methods/method-registrar';
import type { SecurityInfoProfiles } from '../../methods/security-info-profiles';
import type { FlowEngine } from '../engine/flow-engine';
import type { VerifiedFlowDeps } from '../verification/verification-deps';

/** What register flows are built from: the verified flows' parts (they reuse its gate) and the registrars. */
export interface RegistrationDeps extends VerifiedFlowDeps {
  // One per kind that can be registered here (methods/method-registrar.ts).
  registrars: Registrars;
  profiles: SecurityInfoProfiles;
}

export type RegistrationKit = RegistrationDeps & { engine: FlowEngine };
