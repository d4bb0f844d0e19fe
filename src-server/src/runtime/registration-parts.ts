import type { Delivery } from '../delivery/delivery';
import { RegistrationFlowService } from '../flows/registration/registration-flow-service';
import type { VerifiedFlowDeps } from '../flows/verification/verification-deps';
import { ApprovalRegistrar } from '../methods/authenticator-approval/approval-registrar';
import { EmailRegistrar } from '../methods/email-code/email-registrar';
import type { RegisteredEmails } from '../methods/email-code/registered-emails';
import type { MethodRegistrar } from '../methods/method-registrar';
import { PasskeyRegistrar } from '../methods/passkey/passkey-registrar';
import { PhoneRegistrar } from '../methods/phone/phone-registrar';
import { TotpRegistrar } from '../methods/authenticator-code/totp-registrar';
import { SecurityQuestionRegistration } from '../methods/security-questions/question-registration';
import { QuestionsRegistrar } from '../methods/security-questions/questions-registrar';
import { RegisteredPhones } from '../methods/phone/registered-phones';
import { MethodRegistrations } from '../methods/method-registrations';
import { RegisteredContacts } from '../methods/registered-contacts';
import { SecurityInfoProfiles } from '../methods/security-info-profiles';
import type { TemporaryAccessPasses } from '../methods/temporary-access-pass/temporary-access-passes';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import type { VerificationMethods } from './verification-methods';

/** What security info is built from: one registrar per kind, the phones, the defaults, the contacts they make. */
export interface RegistrationParts {
  registrars: readonly MethodRegistrar[];
  registeredPhones: RegisteredPhones;
  profiles: SecurityInfoProfiles;
  contacts: RegisteredContacts;
}

export function createRegistrationParts(deps: {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  delivery: Delivery;
  policy: ResetPolicy;
  secrets: { codeHmacKey: Buffer };
  wasntMe: { registeredEmails: RegisteredEmails };
  // Passkeys are registered only where the server knows its relying party (passkey/passkey-settings.ts).
  methods: Pick<VerificationMethods, 'registrations' | 'questions' | 'totpEnrollment' | 'passkey'>;
}): RegistrationParts {
  const { db, tenantId, clock } = deps;
  const { registeredEmails } = deps.wasntMe;
  const codeDeps = { ...deps, codeHmacKey: deps.secrets.codeHmacKey };
  const registeredPhones = new RegisteredPhones({ db, tenantId, clock });
  // A new kind that can be registered is one more registrar here (methods/method-registrar.ts).
  const registrars: MethodRegistrar[] = [
    new EmailRegistrar({ ...codeDeps, registeredEmails }),
    new PhoneRegistrar({ ...codeDeps, registeredPhones }),
    new QuestionsRegistrar({
      registrations: deps.methods.registrations,
      registration: new SecurityQuestionRegistration({ questions: deps.methods.questions, policy: deps.policy }),
    }),
    new TotpRegistrar({ ...deps, registrations: deps.methods.registrations, enrollment: deps.methods.totpEnrollment }),
  ];
  const profiles = new SecurityInfoProfiles({ db, tenantId, clock });
  // Pairing hands the device an absolute approver link: without the server's public address there is none to give.
  const { publicBaseUrl } = deps.policy;
  if (publicBaseUrl) {
    const registrations = new MethodRegistrations({ db, tenantId, clock });
    const policy = { ...deps.policy, publicBaseUrl };
    registrars.push(new ApprovalRegistrar({ ...codeDeps, registrations, policy }));
  }
  const { passkey } = deps.methods;
  if (passkey?.registration.available) {
    const { registration: ceremony, credentials } = passkey;
    registrars.push(new PasskeyRegistrar({ db, clock, policy: deps.policy, ceremony, credentials }));
  }
  return {
    registrars,
    registeredPhones,
    profiles,
    contacts: new RegisteredContacts({ emails: registeredEmails, phones: registeredPhones, profiles }),
  };
}

/** The register flows' service, on the same parts as the reset flows (it reuses their verification gate). */
export function createRegistrationFlows(
  verified: VerifiedFlowDeps,
  parts: RegistrationParts,
  passes?: TemporaryAccessPasses,
): RegistrationFlowService {
  return new RegistrationFlowService({ ...verified, ...parts, ...(passes ? { passes } : {}) });
}
