import { ROUTES } from '@resetdesk/shared';
import type { BeginRegistrationRequest, ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { call } from './server-fixtures';
import type { ApiResult, TestServer } from './server-fixtures';

// The calls of the security-info (register) flow over HTTP, and the codes the dev outbox got for it.

export type Answer = ApiResult<FlowResponse & ErrorResponse>;

export function registrationCalls(current: () => TestServer) {
  const post = (url: string, token: string, body: unknown = {}): Promise<Answer> =>
    call(current().app, 'POST', url, { token, body });
  return {
    start: (username: string, locale?: string): Promise<Answer> =>
      call(current().app, 'POST', ROUTES.startFlow, {
        body: { kind: 'register', username, ...(locale ? { locale } : {}) },
      }),
    signIn: (token: string, password: string) => post(ROUTES.signIn, token, { password }),
    begin: (token: string, input: BeginRegistrationRequest | Record<string, unknown>) =>
      post(ROUTES.beginRegistration, token, input),
    confirm: (token: string, code: string) => post(ROUTES.confirmRegistration, token, { code }),
    remove: (token: string, methodId: string) => post(ROUTES.removeSecurityInfo, token, { methodId }),
    setDefault: (token: string, methodId: string) => post(ROUTES.setDefaultMethod, token, { methodId }),
    show: (token: string) => post(ROUTES.showSecurityInfo, token),
    finish: (token: string) => post(ROUTES.finishRegistration, token),
    choose: (token: string, methodId: string) => post(ROUTES.chooseMethod, token, { methodId }),
    verify: (token: string, code: string) => post(ROUTES.verifyCode, token, { code }),
    /** The newest registration code sent to `to` (an address or an E.164 number), by email, text or call. */
    async codeFor(to: string): Promise<string> {
      const messages = await current().runtime.outbox.list();
      const message = messages.find((m) => m.to === to);
      const digits = /(\d(?:, )?){6,10}/u.exec(message?.body ?? '')?.[0];
      if (!digits) throw new Error(`no registration code for ${to}`);
      return digits.replace(/\D/gu, '');
    },
    async messagesTo(to: string) {
      return (await current().runtime.outbox.list()).filter((m) => m.to === to);
    },
  };
}
