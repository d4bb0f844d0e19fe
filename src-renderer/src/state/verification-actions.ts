import type { FlowView, PasskeyAssertion, Result } from '@resetdesk/shared';
import type { ResetApi } from '../api/reset-api';

/** The store's actions of a flow's verification gates (reset and unlock): the server decides every next step. */
export interface VerificationActions {
  chooseMethod(methodId: string): Promise<void>;
  verifyCode(code: string): Promise<void>;
  /** Sends a new code for the method of the current enterCode step (the server caps how many). */
  resendCode(): Promise<void>;
  answerQuestions(answers: readonly { questionId: string; answer: string }[]): Promise<void>;
  /** Sends the passkey's assertion (the usePasskey step); a refusal stays on the step as its stepError. */
  verifyPasskey(assertion: PasskeyAssertion): Promise<void>;
  /**
   * "Choose another method" on a method's step: the chooser again, as the server last sent it (it lets a verify step
   * choose anew; the open challenge simply goes unused).
   */
  chooseAnotherMethod(): void;
}

type Run = (call: () => Promise<Result<FlowView>>) => Promise<void>;

interface GateState {
  flow: FlowView | null;
  chooser: FlowView | null;
  busy: boolean;
}

export function verificationActions(
  api: ResetApi,
  run: Run,
  get: () => GateState,
  showChooser: (chooser: FlowView) => void,
): VerificationActions {
  return {
    chooseMethod: (methodId) => run(() => api.chooseMethod({ methodId })),
    verifyCode: (code) => run(() => api.verifyCode({ code })),
    resendCode() {
      const step = get().flow?.step;
      if (step?.kind !== 'enterCode') return Promise.resolve();
      return run(() => api.chooseMethod({ methodId: step.method.id }));
    },
    answerQuestions: (answers) => run(() => api.answerQuestions({ answers: [...answers] })),
    verifyPasskey: (assertion) => run(() => api.verifyPasskey({ assertion })),
    chooseAnotherMethod() {
      const { chooser, busy } = get();
      if (chooser && !busy) showChooser(chooser);
    },
  };
}
