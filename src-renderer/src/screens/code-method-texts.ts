import type { EnterCodeStep } from '@resetdesk/shared';
import type { Translator } from '../i18n/translator';

/** The words of the code screen for the method that produced the code (email, SMS or authenticator app). */
export function codeMethodTexts(t: Translator, step: EnterCodeStep) {
  const time = t.formatTime(new Date(step.codeExpiresAt));
  const c = t.m.codeMethods;
  switch (step.method.kind) {
    case 'sms':
      return {
        heading: t.m.enterCode.heading,
        intro: `${c.smsSent} ${t.format(t.m.enterCode.sentTo, { target: step.method.maskedTarget })}`,
        hint: t.format(t.m.enterCode.expires, { time }),
        wrongLength: t.format(c.smsWrongLength, { length: step.codeLength }),
        resendHelp: c.smsResendsLeft,
      };
    case 'totp':
      return {
        heading: c.totpHeading,
        intro: c.totpIntro,
        hint: c.totpExpires,
        wrongLength: t.format(c.totpWrongLength, { length: step.codeLength }),
        resendHelp: null,
      };
    default:
      return {
        heading: t.m.enterCode.heading,
        intro: `${t.m.enterCode.sent} ${t.format(t.m.enterCode.sentTo, { target: step.method.maskedTarget })}`,
        hint: t.format(t.m.enterCode.expires, { time }),
        wrongLength: t.format(t.m.enterCode.wrongLength, { length: step.codeLength }),
        resendHelp: c.resendsLeft,
      };
  }
}
