import type { EnterCodeStep, MethodKind, MethodOption } from '@resetdesk/shared';
import type { Messages, PluralForms } from '../i18n/messages';
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
  | CodeMethod<K>
  | QuestionsMethod<K>
  | PendingMethod<K>
  | PasskeyMethod<K>;

export interface CodeMethod<K extends MethodKind> extends Common<K> {
  readonly screen: 'enterCode';
  codeTexts(t: Translator, step: EnterCodeStep): CodeTexts;
}

export interface QuestionsMethod<K extends MethodKind> extends Common<K> {
  readonly screen: 'answerQuestions';
}

export interface PendingMethod<K extends MethodKind> extends Common<K> {
  readonly screen: 'awaitApproval';
  /** Whether the screen shows the number to type on the other device (number matching). */
  readonly showsNumber: boolean;
  pendingTexts(t: Translator): PendingTexts;
}

/** A passkey: the browser's own prompt asks for it; the screen only starts it and says what came of it. */
export interface PasskeyMethod<K extends MethodKind> extends Common<K> {
  readonly screen: 'usePasskey';
}

/** A method's texts on the chooser, for one that reaches a registered target (shown masked). */
interface TargetTexts {
  readonly label: string;
  /** With {target}. */
  readonly detail: string;
}

/** How the chooser offers a method that reaches a registered target: the masked target in brackets and in the detail. */
function targetChoice(t: Translator, method: MethodOption, texts: TargetTexts): MethodChoice {
  return { label: `${texts.label} (${method.maskedTarget})`, detail: t.format(texts.detail, { target: method.maskedTarget }) };
}

/**
 * A method that sends a code to a registered target (email, text message): the code screen says where it went and
 * when it expires, and offers a new one while any are left.
 */
export function sentCodeMethod<K extends MethodKind>(
  kind: K,
  texts: (m: Messages) => TargetTexts & { sent: string; wrongLength: string; resendHelp: PluralForms },
): CodeMethod<K> {
  return {
    kind,
    screen: 'enterCode',
    choice: (t, method) => targetChoice(t, method, texts(t.m)),
    codeTexts(t, step) {
      const own = texts(t.m);
      const time = t.formatTime(new Date(step.codeExpiresAt));
      return {
        heading: t.m.enterCode.heading,
        intro: `${own.sent} ${t.format(t.m.enterCode.sentTo, { target: step.method.maskedTarget })}`,
        hint: t.format(t.m.enterCode.expires, { time }),
        wrongLength: t.format(own.wrongLength, { length: step.codeLength }),
        resendHelp: own.resendHelp,
      };
    },
  };
}

/** A method decided on another device or line (a call, an app's notification): the wizard waits for the verdict. */
export function pendingMethod<K extends MethodKind>(
  kind: K,
  showsNumber: boolean,
  texts: (m: Messages) => TargetTexts & { pending: PendingTexts },
): PendingMethod<K> {
  return {
    kind,
    screen: 'awaitApproval',
    showsNumber,
    choice: (t, method) => targetChoice(t, method, texts(t.m)),
    pendingTexts: (t) => texts(t.m).pending,
  };
}
