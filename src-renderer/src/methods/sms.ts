import { sentCodeMethod } from './method-descriptor';

/** A code sent by text message to the mobile phone. */
export const sms = sentCodeMethod('sms', (m) => ({
  label: m.methods.smsLabel, detail: m.methods.smsDetail,
  sent: m.codeMethods.smsSent, wrongLength: m.codeMethods.smsWrongLength, resendHelp: m.codeMethods.smsResendsLeft,
}));
