import type { ResetApi } from './reset-api';

type Method = keyof ResetApi;

// Every operation of ResetApi, exactly: a key missing here (or one too many) fails the typecheck, so a new operation
// cannot be forgotten by the lazy wrapper.
const METHOD_SET: Record<Method, true> = {
  startReset: true,
  chooseMethod: true,
  verifyCode: true,
  answerQuestions: true,
  checkApproval: true,
  getFlow: true,
  setPassword: true,
  checkPassword: true,
  startUnlock: true,
  startChange: true,
  changePassword: true,
  cancel: true,
  getAppInfo: true,
  getCaptcha: true,
  requestHelp: true,
};
const METHODS = Object.keys(METHOD_SET) as Method[];

/**
 * A ResetApi that loads the real one (the bridge or HTTP client, with the zod contract schemas that check every
 * answer) in its own chunk on first use. The first screen needs none of it to paint and take typing, and zod's schemas
 * cost parse and set-up time on a slow kiosk CPU before the User ID field would be usable.
 */
export function createLazyResetApi(load: () => Promise<ResetApi>): ResetApi & { preload(): Promise<ResetApi> } {
  let loading: Promise<ResetApi> | null = null;
  const preload = () => (loading ??= load());
  const api = { preload } as ResetApi & { preload(): Promise<ResetApi> };
  for (const method of METHODS) {
    Reflect.set(api, method, async (...args: unknown[]) => {
      const real = await preload();
      return (real[method] as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  }
  return api;
}
