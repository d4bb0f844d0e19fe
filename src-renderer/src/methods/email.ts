import { sentCodeTexts, withTarget, type MethodDescriptor } from './method-descriptor';

/** A code sent to the alternate email address. */
export const email = {
  kind: 'email',
  screen: 'enterCode',
  choice: (t, method) => ({
    label: withTarget(t.m.chooseMethod.email, method),
    detail: t.format(t.m.chooseMethod.emailDetail, { target: method.maskedTarget }),
  }),
  codeTexts: (t, step) =>
    sentCodeTexts(t, step, {
      intro: t.m.enterCode.sent,
      wrongLength: t.m.enterCode.wrongLength,
      resendHelp: t.m.codeMethods.resendsLeft,
    }),
} satisfies MethodDescriptor<'email'>;
