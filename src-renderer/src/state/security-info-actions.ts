import type {
  ApiError,
  CaptchaSolution,
  FlowView,
  OperationInput,
  PasskeyAttestation,
  Result,
} from '@resetdesk/shared';
import type { ResetApi } from '../api/reset-api';

/** The store's actions of a security-info (register) flow; the server decides every next step, as for a reset. */
export interface SecurityInfoActions {
  /** "Set up security info" for this user ID: the password form comes next. */
  startRegistration(username: string, locale?: string, captcha?: CaptchaSolution): Promise<void>;
  signInToSecurityInfo(password: string): Promise<void>;
  beginRegistration(input: OperationInput<'beginRegistration'>): Promise<void>;
  confirmRegistration(code: string): Promise<void>;
  /** The new passkey's attestation (a passkey proof); a refusal stays on the proof as its stepError. */
  confirmPasskeyRegistration(attestation: PasskeyAttestation): Promise<void>;
  removeSecurityInfo(methodId: string): Promise<void>;
  setDefaultMethod(methodId: string): Promise<void>;
  /** Back from a code to the list (the code sent stops mattering). */
  showSecurityInfo(): Promise<void>;
  finishRegistration(): Promise<void>;
  /** A Temporary Access Pass instead of the password. */
  signInWithTap(pass: string): Promise<void>;
  /** "More information required" after a change password: on to the list the server opened. */
  continueToSecurityInfo(): Promise<void>;
}

/** What each security-info screen fixes in place (the person retypes); anything else ends on the error screen. */
export const SECURITY_INFO_STEP_ERRORS: Readonly<Record<string, ReadonlySet<ApiError['code']>>> = {
  signIn: new Set(['CREDENTIALS_INVALID']),
  manageSecurityInfo: new Set([
    'EMAIL_ADDRESS_INVALID',
    'PHONE_NUMBER_INVALID',
    'SECURITY_INFO_DUPLICATE',
    'SECURITY_INFO_REQUIRED',
    'SECURITY_INFO_UNKNOWN',
    'RESEND_LIMIT_REACHED',
    'SECURITY_ANSWERS_INVALID',
  ]),
  confirmRegistration: new Set([
    'CODE_INVALID',
    'CODE_EXPIRED',
    'TOTP_ENROLLMENT_CODE_INVALID',
    'TOTP_ENROLLMENT_NOT_PENDING',
    'APPROVER_PAIRING_REFUSED',
    'APPROVER_PAIRING_EXPIRED',
    'PASSKEY_REGISTRATION_FAILED',
    'PASSKEY_REGISTRATION_REPLAYED',
    'PASSKEY_REGISTRATION_FOREIGN',
  ]),
};

type Run = (call: () => Promise<Result<FlowView>>) => Promise<void>;
type Begin = (username: string, call: () => Promise<Result<FlowView>>) => Promise<void>;
type StartInput = (username: string, locale?: string, captcha?: CaptchaSolution) => OperationInput<'startRegistration'>;

export function securityInfoActions(
  api: ResetApi,
  run: Run,
  begin: Begin,
  startInput: StartInput,
): SecurityInfoActions {
  return {
    startRegistration: (username, locale, captcha) =>
      begin(username, () => api.startRegistration(startInput(username, locale, captcha))),
    signInToSecurityInfo: (password) => run(() => api.signIn({ password })),
    beginRegistration: (input) => run(() => api.beginRegistration(input)),
    confirmRegistration: (code) => run(() => api.confirmRegistration({ code })),
    confirmPasskeyRegistration: (attestation) => run(() => api.confirmRegistration({ attestation })),
    removeSecurityInfo: (methodId) => run(() => api.removeSecurityInfo({ methodId })),
    setDefaultMethod: (methodId) => run(() => api.setDefaultMethod({ methodId })),
    showSecurityInfo: () => run(() => api.showSecurityInfo({})),
    finishRegistration: () => run(() => api.finishRegistration({})),
    signInWithTap: (pass) => run(() => api.signInWithTap({ pass })),
    continueToSecurityInfo: () => run(() => api.continueToSecurityInfo({})),
  };
}
