import type { ResetApi } from './reset-api';

type Method = keyof ResetApi;

const METHODS: readonly Method[] = [
  'startReset',
  'chooseMethod',
  'verifyCode',
  'answerQuestions',
  'checkApproval',
  'getFlow',
  'setPassword',
  'startUnlock',
  'startChange',
  'changePassword',
  'cancel',
  'getAppInfo',
  'getCaptcha',
  'requestHelp',
];

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
