import type { CaptchaChallenge, CaptchaSolution, ErrorCode, FlowView, PasswordVerdict, Result } from '@resetdesk/shared';

/** What the wizard shows about where it runs; both the desktop bridge and the public HTTP config provide it. */
export interface AppInfo {
  organizationName: string;
  contactAdminUrl?: string;
  version?: string;
  /** Desktop only (managed setting): seconds without input before the countdown that wipes the session. */
  idleTimeoutSeconds?: number;
  /** Desktop only: the configured start language and the settings the organisation manages (policy). */
  locale?: string;
  managedSettings?: string[];
  // Policy switches for the first screen's links; absent when not known.
  unlockAllowed?: boolean;
  changeAllowed?: boolean;
  // The tenant's domain for the User ID field's example; absent: a generic hint without a made-up domain.
  userIdDomain?: string;
}

export type CancelResult = { cancelled: true };

/**
 * The only way the UI talks to the reset service. Every call resolves to a Result and never throws, so screens can
 * render any failure as one of the shared error codes. The flow token, if any, stays inside the implementation.
 */
export interface ResetApi {
  /** `locale` lets the server send the code email in the language the person is reading. */
  startReset(username: string, locale?: string, captcha?: CaptchaSolution): Promise<Result<FlowView>>;
  chooseMethod(methodId: string): Promise<Result<FlowView>>;
  verifyCode(code: string): Promise<Result<FlowView>>;
  answerQuestions(answers: readonly { questionId: string; answer: string }[]): Promise<Result<FlowView>>;
  /** Asks whether the pending call or approval was answered; the same step while it was not. */
  checkApproval(): Promise<Result<FlowView>>;
  /** The flow's current step, as the server has it now. */
  getFlow(): Promise<Result<FlowView>>;
  setPassword(newPassword: string): Promise<Result<FlowView>>;
  /** The server's verdict on a password being typed (new-password step of a verified reset); changes nothing. */
  checkPassword(newPassword: string): Promise<Result<PasswordVerdict>>;
  /** "I know my password but my account is locked": the same verification as a reset, then an unlock. */
  startUnlock(username: string, locale?: string, captcha?: CaptchaSolution): Promise<Result<FlowView>>;
  startChange(username: string, locale?: string, captcha?: CaptchaSolution): Promise<Result<FlowView>>;
  changePassword(oldPassword: string, newPassword: string): Promise<Result<FlowView>>;
  cancel(): Promise<Result<CancelResult>>;
  getAppInfo(): Promise<Result<AppInfo>>;
  /** A new CAPTCHA for the username step (after CAPTCHA_REQUIRED or CAPTCHA_INVALID). */
  getCaptcha(): Promise<Result<CaptchaChallenge>>;
  /**
   * Asks the helpdesk to contact the person: the name they typed and the error the wizard showed, with a solved
   * CAPTCHA (the server asks for one whenever its policy has a CAPTCHA: the request is unauthenticated mail).
   */
  requestHelp(username: string, reason: ErrorCode, captcha?: CaptchaSolution): Promise<Result<{ received: true }>>;
}
