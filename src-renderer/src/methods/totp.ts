import type { MethodDescriptor } from './method-descriptor';

/** A code from the authenticator app: nothing is sent, so there is no target, expiry time or resend. */
export const totp = {
  kind: 'totp',
  screen: 'enterCode',
  choice: (t) => ({ label: t.m.methods.totpLabel, detail: t.m.methods.totpDetail }),
  codeTexts: (t, step) => ({
    heading: t.m.codeMethods.totpHeading,
    intro: t.m.codeMethods.totpIntro,
    hint: t.m.codeMethods.totpExpires,
    wrongLength: t.format(t.m.codeMethods.totpWrongLength, { length: step.codeLength }),
    resendHelp: null,
  }),
} satisfies MethodDescriptor<'totp'>;
