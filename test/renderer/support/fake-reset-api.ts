import { OPERATION_NAMES, fail } from '@resetdesk/shared';
import type {
  CaptchaChallenge,
  CaptchaSolution,
  ErrorCode,
  FlowView,
  OperationInput,
  OperationOutput,
  PasswordVerdict,
  Result,
} from '@resetdesk/shared';
import type { AppInfo, ResetApi } from '../../../src-renderer/src/api/reset-api';

type Call =
  | { method: 'startReset'; username: string; locale: string | undefined }
  | { method: 'chooseMethod'; methodId: string }
  | { method: 'verifyCode'; code: string }
  | { method: 'setPassword'; newPassword: string }
  | { method: 'checkPassword'; newPassword: string }
  | { method: 'answerQuestions'; answers: readonly { questionId: string; answer: string }[] }
  | { method: 'checkDecision' }
  | { method: 'verifyPasskey'; assertion: OperationInput<'verifyPasskey'>['assertion'] }
  | { method: 'getFlow' }
  | { method: 'startUnlock'; username: string; locale: string | undefined }
  | { method: 'startChange'; username: string; locale: string | undefined }
  | { method: 'changePassword'; oldPassword: string; newPassword: string }
  | { method: 'cancelFlow' }
  // Security info: the operation's name and its input as sent.
  | { method: SecurityInfoOperation; input: unknown }
  | { method: 'getAppInfo' };

const SECURITY_INFO_OPERATIONS = [
  'startRegistration',
  'signIn',
  'beginRegistration',
  'confirmRegistration',
  'removeSecurityInfo',
  'setDefaultMethod',
  'showSecurityInfo',
  'finishRegistration',
] as const;
type SecurityInfoOperation = (typeof SECURITY_INFO_OPERATIONS)[number];

/**
 * A scripted ResetApi for store tests: each flow call takes the next queued answer (a value or a promise the test
 * resolves later) and records what it was called with. Every other declared operation answers a failure and is not
 * recorded, so an operation added to the declarations needs nothing here until a test scripts it. The real
 * implementations are tested elsewhere.
 */
class ScriptedResetApi {
  readonly calls: Call[] = [];
  private readonly answers: (Result<FlowView> | Promise<Result<FlowView>>)[] = [];
  appInfo: Result<AppInfo> = { ok: true, value: { organizationName: 'Contoso' } };

  constructor() {
    for (const name of SECURITY_INFO_OPERATIONS) {
      Reflect.set(this, name, (input: unknown) => {
        this.calls.push({ method: name, input });
        return this.next();
      });
    }
    for (const name of OPERATION_NAMES) {
      if (typeof Reflect.get(this, name) === 'function') continue;
      Reflect.set(this, name, () => Promise.resolve(fail('INTERNAL', `FakeResetApi: ${name} is not scripted`)));
    }
  }

  answer(...results: (Result<FlowView> | Promise<Result<FlowView>>)[]): this {
    this.answers.push(...results);
    return this;
  }

  private next(): Promise<Result<FlowView>> {
    const answer = this.answers.shift();
    if (!answer) throw new Error('FakeResetApi: no answer queued');
    return Promise.resolve(answer);
  }

  startReset({ username, locale }: OperationInput<'startReset'>) {
    this.calls.push({ method: 'startReset', username, locale });
    return this.next();
  }
  chooseMethod({ methodId }: OperationInput<'chooseMethod'>) {
    this.calls.push({ method: 'chooseMethod', methodId });
    return this.next();
  }
  verifyCode({ code }: OperationInput<'verifyCode'>) {
    this.calls.push({ method: 'verifyCode', code });
    return this.next();
  }
  answerQuestions({ answers }: OperationInput<'answerQuestions'>) {
    this.calls.push({ method: 'answerQuestions', answers });
    return this.next();
  }
  verifyPasskey({ assertion }: OperationInput<'verifyPasskey'>) {
    this.calls.push({ method: 'verifyPasskey', assertion });
    return this.next();
  }
  checkDecision() {
    this.calls.push({ method: 'checkDecision' });
    return this.next();
  }
  getFlow() {
    this.calls.push({ method: 'getFlow' });
    return this.next();
  }
  // The live verdict the fake gives: accepted unless a test sets another.
  verdict: Result<PasswordVerdict> = { ok: true, value: { ok: true, reasons: [] } };
  checkPassword({ newPassword }: OperationInput<'checkPassword'>) {
    this.calls.push({ method: 'checkPassword', newPassword });
    return Promise.resolve(this.verdict);
  }
  setPassword({ newPassword }: OperationInput<'setPassword'>) {
    this.calls.push({ method: 'setPassword', newPassword });
    return this.next();
  }
  captcha: Result<CaptchaChallenge> = { ok: false, error: { code: 'INTERNAL', message: 'FakeResetApi: no CAPTCHA' } };
  readonly helpRequests: { username: string; reason: ErrorCode; captcha?: CaptchaSolution }[] = [];
  helpAnswer: Result<{ received: true }> = { ok: true, value: { received: true } };

  getCaptcha(): Promise<Result<CaptchaChallenge>> {
    return Promise.resolve(this.captcha);
  }
  requestHelp({ username, reason, captcha }: OperationInput<'requestHelp'>): Promise<Result<{ received: true }>> {
    this.helpRequests.push({ username, reason, ...(captcha ? { captcha } : {}) });
    return Promise.resolve(this.helpAnswer);
  }
  startUnlock({ username, locale }: OperationInput<'startUnlock'>) {
    this.calls.push({ method: 'startUnlock', username, locale });
    return this.next();
  }
  startChange({ username, locale }: OperationInput<'startChange'>) {
    this.calls.push({ method: 'startChange', username, locale });
    return this.next();
  }
  changePassword({ oldPassword, newPassword }: OperationInput<'changePassword'>) {
    this.calls.push({ method: 'changePassword', oldPassword, newPassword });
    return this.next();
  }
  cancelFlow(): Promise<Result<OperationOutput<'cancelFlow'>>> {
    this.calls.push({ method: 'cancelFlow' });
    return Promise.resolve({ ok: true, value: { cancelled: true } });
  }
  getAppInfo() {
    this.calls.push({ method: 'getAppInfo' });
    return Promise.resolve(this.appInfo);
  }
}

// The scripted methods above, and an unscripted answer for every other declared operation.
export type FakeResetApi = ScriptedResetApi & ResetApi;
export const FakeResetApi = ScriptedResetApi as new () => FakeResetApi;
