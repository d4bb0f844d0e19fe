import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiError, CaptchaChallenge, CaptchaSolution, ErrorCode, FlowView, PasswordVerdict, Result } from '@resetdesk/shared';
import type { AppInfo, ResetApi } from '../api/reset-api';
import { refreshedAppInfo } from './app-info-refresh';
import { sendHelpRequest } from './help-request';
import { SECURITY_INFO_STEP_ERRORS, securityInfoActions } from './security-info-actions';
import type { SecurityInfoActions } from './security-info-actions';
import { verificationActions } from './verification-actions';
import type { VerificationActions } from './verification-actions';
import {
  awaitsDecision,
  CHANGE_STEP_ERRORS,
  NEW_PASSWORD_REJECTIONS,
  PASSKEY_STEP_ERRORS,
  sameDecision,
} from './step-rules';

export type ScreenName =
  | 'username'
  | 'chooseMethod'
  | 'enterCode'
  | 'answerQuestions'
  | 'awaitApproval'
  | 'usePasskey'
  | 'newPassword'
  | 'changePassword'
  | 'signIn'
  | 'manageSecurityInfo'
  | 'confirmRegistration'
  | 'securityInfoRequired'
  | 'done'
  | 'error';

export interface ResetFlowState extends VerificationActions, SecurityInfoActions {
  /** The last view the server sent; null before a flow exists. The screen follows its step. */
  flow: FlowView | null;
  /** An error that ends the flow: shown on the error screen until "start over". */
  error: ApiError | null;
  /** An error the current step can recover from (CODE_INVALID, PASSWORD_REJECTED): shown next to the input. */
  stepError: ApiError | null;
  busy: boolean;
  appInfo: AppInfo | null;
  /** The CAPTCHA the username step shows, once the server asked for one. */
  captcha: CaptchaChallenge | null;
  /**
   * The user ID the current flow was started with: the change screen shows it and keeps it out of the password, and a
   * "contact your administrator" request names it.
   */
  username: string | null;
  /** The flow's last chooser (its methods for the current gate): "Choose another method" goes back to it. */
  chooser: FlowView | null;

  loadAppInfo(): Promise<void>;
  startReset(username: string, locale?: string, captcha?: CaptchaSolution): Promise<void>;
  /** Fetches a fresh CAPTCHA (each one takes a single answer). */
  loadCaptcha(): Promise<void>;
  /** Asks the helpdesk to contact the person about `reason`; true when the server took the request. */
  requestHelp(reason: ErrorCode): Promise<boolean>;
  /** One quiet poll while a call or approval is pending: no busy state, so nothing flickers or is announced. */
  checkDecision(): Promise<void>;
  setPassword(newPassword: string): Promise<void>;
  /** The server's live verdict on a password being typed; leaves the flow and its errors as they are. */
  checkPassword(newPassword: string): Promise<Result<PasswordVerdict>>;
  /**
   * The person is typing a different new password: the server's rejection (PASSWORD_REJECTED, PASSWORD_REUSED) was
   * about the one they sent, so it goes away instead of standing next to a password it is not about.
   */
  newPasswordEdited(): void;
  /** "I know my password but my account is locked" for this user ID. */
  startUnlock(username: string, locale?: string, captcha?: CaptchaSolution): Promise<void>;
  startChange(username: string, locale?: string, captcha?: CaptchaSolution): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** Back to the step the error interrupted (SERVER_BUSY, THROTTLE_UNAVAILABLE: nothing changed, send it again). */
  retryStep(): void;
  /** Back to the username screen; a flow still open on the server is cancelled, the public config asked again. */
  startOver(): Promise<void>;
  /** Shows FLOW_EXPIRED once the flow's expiresAt has passed (the server would refuse the next call anyway). */
  expireIfPast(): void;
}

export type ResetFlowStore = StoreApi<ResetFlowState>;

export function selectScreen(state: Pick<ResetFlowState, 'flow' | 'error'>): ScreenName {
  if (state.error) return 'error';
  return state.flow ? state.flow.step.kind : 'username';
}

export interface ResetFlowStoreOptions {
  now?: () => number;
}

const EXPIRED: ApiError = { code: 'FLOW_EXPIRED', message: 'The flow expired before it was finished.' };

function startInput(username: string, locale: string | undefined, captcha: CaptchaSolution | undefined) {
  return { username, ...(locale === undefined ? {} : { locale }), ...(captcha === undefined ? {} : { captcha }) };
}

export function createResetFlowStore(api: ResetApi, options: ResetFlowStoreOptions = {}): ResetFlowStore {
  const now = options.now ?? Date.now;
  // Bumped by "start over": answers to calls made before it belong to an abandoned flow and are dropped.
  let generation = 0;

  return createStore<ResetFlowState>()((set, get) => {
    function applyError(error: ApiError): void {
      const screen = selectScreen(get());
      const flow = get().flow;
      if (error.code === 'CODE_INVALID' && screen === 'enterCode' && flow?.step.kind === 'enterCode') {
        const attemptsLeft = error.details?.attemptsLeft;
        // Keep the step's own counter in line with the server so the screen shows one number.
        const step = attemptsLeft === undefined ? flow.step : { ...flow.step, attemptsLeft };
        set({ stepError: error, flow: { ...flow, step } });
        return;
      }
      if (error.code === 'ANSWERS_REJECTED' && screen === 'answerQuestions') {
        // The server picked new questions: fetch them, and keep the message next to them.
        set({ stepError: error });
        void api.getFlow({}).then((result) => {
          if (result.ok) set({ flow: result.value });
          else set({ error: result.error, stepError: null });
        });
        return;
      }
      if (screen === 'usePasskey' && PASSKEY_STEP_ERRORS.has(error.code)) {
        set({ stepError: error });
        return;
      }
      if (error.code === 'PASSWORD_REJECTED' && screen === 'newPassword') {
        set({ stepError: error });
        return;
      }
      // The username step asks for (another) CAPTCHA: stay on it with a fresh challenge.
      if ((error.code === 'CAPTCHA_REQUIRED' || error.code === 'CAPTCHA_INVALID') && screen === 'username') {
        set({ stepError: error, captcha: null });
        void loadCaptcha();
        return;
      }
      if (SECURITY_INFO_STEP_ERRORS[screen]?.has(error.code)) {
        set({ stepError: error });
        return;
      }
      if (screen === 'changePassword' && CHANGE_STEP_ERRORS.has(error.code)) {
        set({ stepError: error });
        return;
      }
      set({ error, stepError: null });
    }

    async function run(call: () => Promise<Result<FlowView>>): Promise<void> {
      if (get().busy) return; // a double click must not send the same step twice
      const started = generation;
      set({ busy: true });
      const result = await call();
      if (started !== generation) return;
      set({ busy: false });
      if (result.ok) set({ flow: result.value, error: null, stepError: null, captcha: null });
      else applyError(result.error);
      if (result.ok && result.value.step.kind === 'chooseMethod') set({ chooser: result.value });
    }

    async function loadCaptcha(): Promise<void> {
      const result = await api.getCaptcha({});
      if (result.ok) set({ captcha: result.value });
      else set({ error: result.error, stepError: null });
    }

    async function refreshPublicConfig(): Promise<void> {
      const result = await api.getPublicConfig({});
      const current = get().appInfo;
      if (!result.ok || current === null) return;
      const next: AppInfo = refreshedAppInfo(current, result.value);
      if (JSON.stringify(next) !== JSON.stringify(current)) set({ appInfo: next });
    }

    function begin(username: string, call: () => Promise<Result<FlowView>>): Promise<void> {
      if (get().busy) return Promise.resolve();
      set({ username });
      return run(call);
    }

    return {
      flow: null,
      error: null,
      stepError: null,
      busy: false,
      appInfo: null,
      captcha: null,
      username: null,
      chooser: null,

      async loadAppInfo() {
        const result = await api.getAppInfo({});
        // Without it the wizard still works; only the organisation name and the contact link are missing.
        if (result.ok) set({ appInfo: result.value });
      },
      startReset: (username, locale, captcha) =>
        begin(username, () => api.startReset(startInput(username, locale, captcha))),
      startUnlock: (username, locale, captcha) =>
        begin(username, () => api.startUnlock(startInput(username, locale, captcha))),
      startChange: (username, locale, captcha) =>
        begin(username, () => api.startChange(startInput(username, locale, captcha))),
      changePassword: (oldPassword, newPassword) => run(() => api.changePassword({ oldPassword, newPassword })),
      ...securityInfoActions(api, run, begin, startInput),
      ...verificationActions(api, run, get, (chooser) => set({ flow: chooser, stepError: null })),
      loadCaptcha,
      async requestHelp(reason) {
        const username = get().username;
        return username === null ? false : sendHelpRequest(api, username, reason);
      },
      async checkDecision() {
        // A pairing refused or expired waits for the person ("Try again"): no more polls until then.
        if (get().busy || !awaitsDecision(get().flow?.step) || get().stepError) return;
        const started = generation;
        const result = await api.checkDecision({});
        if (started !== generation || !awaitsDecision(get().flow?.step)) return;
        if (result.ok) {
          // A pending answer repeats the same step: only a real change replaces it (and remounts the screen).
          if (!sameDecision(get().flow?.step, result.value.step)) {
            set({ flow: result.value, error: null, stepError: null });
          }
        } else applyError(result.error);
      },
      setPassword: (newPassword) => run(() => api.setPassword({ newPassword })),
      checkPassword: (newPassword) => api.checkPassword({ newPassword }),
      newPasswordEdited() {
        const code = get().stepError?.code;
        if (code !== undefined && NEW_PASSWORD_REJECTIONS.has(code)) set({ stepError: null });
      },

      retryStep() {
        set({ error: null, stepError: null });
      },

      async startOver() {
        const { flow } = get();
        generation += 1;
        set({ flow: null, error: null, stepError: null, busy: false, captcha: null, username: null, chooser: null });
        void refreshPublicConfig();
        if (flow && flow.step.kind !== 'done') await api.cancelFlow({});
      },

      expireIfPast() {
        const { flow, error } = get();
        if (!flow || error || flow.step.kind === 'done') return;
        if (now() >= Date.parse(flow.expiresAt)) {
          generation += 1; // an answer still on its way would only be FLOW_EXPIRED too
          set({ error: EXPIRED, stepError: null, busy: false });
        }
      },
    };
  });
}
