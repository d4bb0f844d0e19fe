import { sentCodeTexts, targetChoice, type MethodDescriptor } from './method-descriptor';

/** A code sent by text message to the mobile phone. */
export const sms = {
  kind: 'sms',
  screen: 'enterCode',
  choice: (t, method) => targetChoice(t, method, t.m.methods.smsLabel, t.m.methods.smsDetail),
  codeTexts: (t, step) =>
    sentCodeTexts(t, step, {
      intro: t.m.codeMethods.smsSent,
      wrongLength: t.m.codeMethods.smsWrongLength,
      resendHelp: t.m.codeMethods.smsResendsLeft,
    }),
} satisfies MethodDescriptor<'sms'>;
