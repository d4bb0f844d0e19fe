import type { MethodDescriptor } from './method-descriptor';

/** A Temporary Access Pass from the helpdesk, typed on the code screen: nothing is sent, so there is no resend. */
export const tap = {
  kind: 'tap',
  screen: 'enterCode',
  choice: (t) => ({ label: t.m.methods.tapLabel, detail: t.m.methods.tapDetail }),
  codeTexts: (t, step) => ({
    heading: t.m.codeMethods.tapHeading,
    intro: t.m.codeMethods.tapIntro,
    hint: t.m.codeMethods.tapExpires,
    wrongLength: t.format(t.m.codeMethods.tapWrongLength, { length: step.codeLength }),
    resendHelp: null,
  }),
} satisfies MethodDescriptor<'tap'>;
