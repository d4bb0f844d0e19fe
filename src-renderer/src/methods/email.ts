import { sentCodeTexts, targetChoice, type MethodDescriptor } from './method-descriptor';

/** A code sent to the alternate email address. */
export const email = {
  kind: 'email',
  screen: 'enterCode',
  choice: (t, method) => targetChoice(t, method, t.m.chooseMethod.email, t.m.chooseMethod.emailDetail),
  codeTexts: (t, step) =>
    sentCodeTexts(t, step, {
      intro: t.m.enterCode.sent,
      wrongLength: t.m.enterCode.wrongLength,
      resendHelp: t.m.codeMethods.resendsLeft,
    }),
} satisfies MethodDescriptor<'email'>;
