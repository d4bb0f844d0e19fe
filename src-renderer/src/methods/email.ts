import { sentCodeMethod } from './method-descriptor';

/** A code sent to the alternate email address. */
export const email = sentCodeMethod('email', (m) => ({
  label: m.chooseMethod.email, detail: m.chooseMethod.emailDetail,
  sent: m.enterCode.sent, wrongLength: m.enterCode.wrongLength, resendHelp: m.codeMethods.resendsLeft,
}));
