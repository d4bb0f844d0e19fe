import type { EnterCodeStep, MethodKind, MethodOption } from '@resetdesk/shared';
import type { PluralForms } from '../i18n/messages';
import type { Translator } from '../i18n/translator';

/** How a method is offered on the chooser: the radio's label and the sentence under the list when it is selected. */
export interface MethodChoice {
  readonly label: string;
  readonly detail: string;
}

/** The words of the code screen for the method that produced the code. */
export interface CodeTexts {
  readonly heading: string;
  readonly intro: string;
  readonly hint: string;
  readonly wrongLength: string;
  /** Help next to "Send a new code", by how many are left; null for a method that cannot send one (an app's codes). */
  readonly resendHelp: PluralForms | null;
}

/** The words of a screen that waits for a decision made elsewhere (a call answered, a notification approved). */
export interface PendingTexts {
  readonly heading: string;
  /** With {target}: where the decision is made. */
  readonly intro: string;
  readonly waiting: string;
  /** With {time}: when the wait ends. */
  readonly timeout: string;
  readonly secondsLeft: PluralForms;
}

interface Common<K extends MethodKind> {
  readonly kind: K;
  choice(t: Translator, method: MethodOption): MethodChoice;
}

/**
 * What the wizard knows of one verification method: how the chooser offers it and which screen (with which words)
 * its step shows. The screens read these instead of switching on the method's kind.
 */
export type MethodDescriptor<K extends MethodKind = MethodKind> =
  | (Common<K> & { readonly screen: 'enterCode'; codeTexts(t: Translator, step: EnterCodeStep): CodeTexts })
  | (Common<K> & { readonly screen: 'answerQuestions' })
  | (Common<K> & {
      readonly screen: 'awaitApproval';
      /** Whether the screen shows the number to type on the other device (number matching). */
      readonly showsNumber: boolean;
      pendingTexts(t: Translator): PendingTexts;
    });

/** How the chooser offers a method that reaches a registered target: the masked target in brackets and in the detail. */
export function targetChoice(t: Translator, method: MethodOption, label: string, detail: string): MethodChoice {
  return { label: `${label} (${method.maskedTarget})`, detail: t.format(detail, { target: method.maskedTarget }) };
}

/** The code screen of a code that was sent (email, text message): where it went and when it expires. */
export function sentCodeTexts(
  t: Translator,
  step: EnterCodeStep,
  sent: { intro: string; wrongLength: string; resendHelp: PluralForms },
): CodeTexts {
  const time = t.formatTime(new Date(step.codeExpiresAt));
  return {
    heading: t.m.enterCode.heading,
    intro: `${sent.intro} ${t.format(t.m.enterCode.sentTo, { target: step.method.maskedTarget })}`,
    hint: t.format(t.m.enterCode.expires, { time }),
    wrongLength: t.format(sent.wrongLength, { length: step.codeLength }),
    resendHelp: sent.resendHelp,
  };
}
