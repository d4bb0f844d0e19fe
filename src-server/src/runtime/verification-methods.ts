import { AuditLog } from '../audit/audit-log';
import type { Delivery } from '../delivery/delivery';
import { AuthenticatorApprovalMethod } from '../methods/authenticator-approval/authenticator-approval';
import { AuthenticatorCodeMethod } from '../methods/authenticator-code/authenticator-code';
import { deriveTotpKey } from '../methods/authenticator-code/totp-secret-box';
import { TotpEnrollment } from '../methods/authenticator-code/totp-enrollment';
import { EmailCodeMethod } from '../methods/email-code/email-code';
import { MethodRegistrations } from '../methods/method-registrations';
import { PasskeyMethod } from '../methods/passkey/passkey-method';
import type { RelyingParty } from '../methods/passkey/passkey-settings';
import { SecurityQuestionsMethod } from '../methods/security-questions/security-questions';
import { SmsCodeMethod } from '../methods/sms-code/sms-code';
import { TemporaryAccessPassMethod } from '../methods/temporary-access-pass/temporary-access-pass-method';
import { TemporaryAccessPasses } from '../methods/temporary-access-pass/temporary-access-passes';
import { VoiceCallMethod } from '../methods/voice-call/voice-call';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { PasswordHasher } from '../support/password-hash';
import type { ScryptCost } from '../support/password-hash';
import type { HashPool } from '../support/hash-pool';

/** Every verification method of the server, by name, for the routes, the demo and tests. */
export interface MethodsByKind {
  email: EmailCodeMethod;
  sms: SmsCodeMethod;
  voice: VoiceCallMethod;
  questions: SecurityQuestionsMethod;
  totp: AuthenticatorCodeMethod;
  approval: AuthenticatorApprovalMethod;
  passkey: PasskeyMethod;
  tap: TemporaryAccessPassMethod;
}

export type AnyVerificationMethod = MethodsByKind[keyof MethodsByKind];

export interface VerificationMethods extends MethodsByKind {
  registrations: MethodRegistrations;
  // Adding an authenticator app (registration): a new secret confirmed by its first code.
  totpEnrollment: TotpEnrollment;
  // Every method, in the order the chooser lists them: what the flows, the decoys and the demo seed loop over.
  all: readonly AnyVerificationMethod[];
}

export interface VerificationMethodDeps {
  db: ResetDeskDb;
  tenantId: string;
  delivery: Delivery;
  clock: Clock;
  policy: ResetPolicy;
  // Codes are stored as HMACs under this key; the TOTP secrets' key is derived from it.
  codeHmacKey: Buffer;
  // The scrypt cost of security answers (lower only in tests).
  answerCost: ScryptCost;
  // The passkeys' relying party (methods/passkey/passkey-settings.ts); none: passkeys are never offered.
  passkeyRelyingParty?: RelyingParty | null;
  // The server's one hash pool: answers are hashed beside passwords, under the same bound.
  hashPool: HashPool;
}

/** Builds every verification method the server offers; a new method is one more line here and its folder. */
export function createVerificationMethods(deps: VerificationMethodDeps): VerificationMethods {
  const { db, tenantId, delivery, clock, policy, codeHmacKey } = deps;
  const codeDeps = { db, delivery, clock, policy, codeHmacKey };
  const registrations = new MethodRegistrations({ db, tenantId, clock });
  const totpKey = deriveTotpKey(codeHmacKey);
  const byKind: MethodsByKind = {
    email: new EmailCodeMethod(codeDeps),
    sms: new SmsCodeMethod(codeDeps),
    voice: new VoiceCallMethod({ db, delivery, clock, policy }),
    questions: new SecurityQuestionsMethod({
      db,
      clock,
      registrations,
      policy,
      hasher: new PasswordHasher(deps.answerCost, deps.hashPool),
    }),
    totp: new AuthenticatorCodeMethod({ db, clock, registrations, policy, totpKey }),
    approval: new AuthenticatorApprovalMethod({ db, delivery, clock, registrations, policy }),
    passkey: new PasskeyMethod({ db, tenantId, clock, policy, relyingParty: deps.passkeyRelyingParty ?? null }),
    tap: new TemporaryAccessPassMethod({ db, clock, policy, passes: createTemporaryAccessPasses(deps) }),
  };
  const totpEnrollment = new TotpEnrollment({ db, tenantId, clock, registrations, policy, totpKey });
  return { registrations, totpEnrollment, ...byKind, all: Object.values(byKind) };
}

/** The helpdesk's passes (also what the `tap` commands use), over the same key as the flows' codes. */
export function createTemporaryAccessPasses(
  deps: Pick<VerificationMethodDeps, 'db' | 'tenantId' | 'clock' | 'policy' | 'codeHmacKey'>,
): TemporaryAccessPasses {
  const { db, tenantId, clock, policy } = deps;
  const audit = new AuditLog({ db, tenantId, clock });
  return new TemporaryAccessPasses({ db, tenantId, clock, policy, audit, hmacKey: deps.codeHmacKey });
}
