import { sentCodeTexts, withTarget, type MethodDescriptor } from './method-descriptor';

/** A code sent by text message to the mobile phone. */
export const sms = {
  kind: 'sms',
  screen: 'enterCode',
  choice: (t, method) => ({
    label: withTarget(t.m.methods.smsLabel, method),
    detail: t.format(t.m.methods.smsDetail, { target: method.maskedTarget }),
  }),
  codeTexts: (t, step) =>
    sentCodeTexts(t, step, {
      intro: t.m.codeMethods.smsSent,
      wrongLength: t.m.codeMethods.smsWrongLength,
      resendHelp: t.m.codeMethods.smsResendsLeft,
    }),
} satisfies MethodDescriptor<'sms'>;
