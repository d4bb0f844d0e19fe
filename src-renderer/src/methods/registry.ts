import type { AwaitApprovalStep, EnterCodeStep, MethodKind } from '@resetdesk/shared';
import type { Translator } from '../i18n/translator';
import { approval } from './approval';
import { email } from './email';
import type { CodeTexts, MethodDescriptor, PendingTexts } from './method-descriptor';
import { questions } from './questions';
import { sms } from './sms';
import { tap } from './tap';
import { totp } from './totp';
import { voice } from './voice';
import { passkey } from './passkey';

/** Every verification method the wizard can show, by kind: a kind the server knows without a descriptor fails typecheck. */
export const METHODS: { readonly [K in MethodKind]: MethodDescriptor<K> } = {
  email,
  sms,
  voice,
  questions,
  totp,
  approval,
  passkey,
  tap,
};

export function methodDescriptor<K extends MethodKind>(kind: K): MethodDescriptor<K> {
  return METHODS[kind];
}

/** The code screen's words for the step's method; a method without its own code screen gets the emailed code's. */
export function codeTextsFor(t: Translator, step: EnterCodeStep): CodeTexts {
  const method = methodDescriptor(step.method.kind);
  return (method.screen === 'enterCode' ? method : email).codeTexts(t, step);
}

/** The waiting screen's words for the step's method, and whether it shows the number to type; the approval's otherwise. */
export function pendingFor(step: AwaitApprovalStep): { texts(t: Translator): PendingTexts; showsNumber: boolean } {
  const method = methodDescriptor(step.method.kind);
  const pending = method.screen === 'awaitApproval' ? method : approval;
  return { texts: (t) => pending.pendingTexts(t), showsNumber: pending.showsNumber };
}
