import type { Delivery } from '../delivery/delivery';
import { AuthenticatorApprovalMethod } from '../methods/authenticator-approval/authenticator-approval';
import { AuthenticatorCodeMethod } from '../methods/authenticator-code/authenticator-code';
import { deriveTotpKey } from '../methods/authenticator-code/totp-secret-box';
import { EmailCodeMethod } from '../methods/email-code/email-code';
import { MethodRegistrations } from '../methods/method-registrations';
import { SecurityQuestionsMethod } from '../methods/security-questions/security-questions';
import { SmsCodeMethod } from '../methods/sms-code/sms-code';
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
}

export type AnyVerificationMethod = MethodsByKind[keyof MethodsByKind];

export interface VerificationMethods extends MethodsByKind {
  registrations: MethodRegistrations;
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
  // The server's one hash pool: answers are hashed beside passwords, under the same bound.
  hashPool: HashPool;
}

/** Builds every verification method the server offers; a new method is one more line here and its folder. */
export function createVerificationMethods(deps: VerificationMethodDeps): VerificationMethods {
  const { db, tenantId, delivery, clock, policy, codeHmacKey } = deps;
  const codeDeps = { db, delivery, clock, policy, codeHmacKey };
  const registrations = new MethodRegistrations({ db, tenantId, clock });
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
    totp: new AuthenticatorCodeMethod({ db, clock, registrations, policy, totpKey: deriveTotpKey(codeHmacKey) }),
    approval: new AuthenticatorApprovalMethod({ db, delivery, clock, registrations, policy }),
  };
  return { registrations, ...byKind, all: Object.values(byKind) };
}
