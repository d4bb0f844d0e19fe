import { fail, IPC_CONTRACT, IPC_CHANNELS, RESETDESK_BRIDGE_KEY } from '@resetdesk/shared';
import type { CaptchaSolution, ResetDeskBridge, Result } from '@resetdesk/shared';
import type { z } from 'zod';
import type { AppInfo, ResetApi } from './reset-api';

/**
 * The bridge the Electron preload exposes, if this window has one with every function the contract names. Anything
 * else (a plain browser, a partial object) means "no bridge".
 */
export function findBridge(host: object): ResetDeskBridge | null {
  const candidate: unknown = Reflect.get(host, RESETDESK_BRIDGE_KEY);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const complete = IPC_CHANNELS.every(
    (channel) => typeof Reflect.get(candidate, IPC_CONTRACT[channel].bridgeName) === 'function',
  );
  return complete ? (candidate as ResetDeskBridge) : null;
}

// The main process is trusted less than it seems: a mismatched build or a bug there must not crash the renderer, so
// every answer is checked against the same contract schema the main process used.
async function checked<T>(schema: z.ZodType<Result<T>>, call: () => Promise<unknown>): Promise<Result<T>> {
  let raw: unknown;
  try {
    raw = await call();
  } catch {
    return fail('INTERNAL', 'The desktop bridge call failed.');
  }
  const parsed = schema.safeParse(raw);
  return parsed.success ? parsed.data : fail('SERVER_BAD_RESPONSE', 'The desktop bridge answered outside the contract.');
}

function startInput(username: string, locale: string | undefined, captcha: CaptchaSolution | undefined) {
  return {
    username,
    ...(locale === undefined ? {} : { locale }),
    ...(captcha === undefined ? {} : { captcha }),
  };
}

export function createBridgeResetApi(bridge: ResetDeskBridge): ResetApi {
  return {
    startReset: (username, locale, captcha) =>
      checked(IPC_CONTRACT['flow:start'].output, () =>
        bridge.startReset(startInput(username, locale, captcha)),
      ),
    getCaptcha: () => checked(IPC_CONTRACT['captcha:get'].output, () => bridge.getCaptcha({})),
    requestHelp: (username, reason, captcha) =>
      checked(IPC_CONTRACT['help:request'].output, () =>
        bridge.requestHelp({ username, reason, ...(captcha ? { captcha } : {}) }),
      ),
    chooseMethod: (methodId) => checked(IPC_CONTRACT['flow:chooseMethod'].output, () => bridge.chooseMethod({ methodId })),
    verifyCode: (code) => checked(IPC_CONTRACT['flow:verifyCode'].output, () => bridge.verifyCode({ code })),
    answerQuestions: (answers) =>
      checked(IPC_CONTRACT['flow:answerQuestions'].output, () => bridge.answerQuestions({ answers: [...answers] })),
    checkApproval: () => checked(IPC_CONTRACT['flow:checkApproval'].output, () => bridge.checkApproval({})),
    getFlow: () => checked(IPC_CONTRACT['flow:current'].output, () => bridge.getFlow({})),
    setPassword: (newPassword) =>
      checked(IPC_CONTRACT['flow:setPassword'].output, () => bridge.setPassword({ newPassword })),
    checkPassword: (newPassword) =>
      checked(IPC_CONTRACT['flow:passwordVerdict'].output, () => bridge.checkPassword({ newPassword })),
    startUnlock: (username, locale, captcha) =>
      checked(IPC_CONTRACT['flow:startUnlock'].output, () => bridge.startUnlock(startInput(username, locale, captcha))),
    startChange: (username, locale, captcha) =>
      checked(IPC_CONTRACT['flow:startChange'].output, () => bridge.startChange(startInput(username, locale, captcha))),
    changePassword: (oldPassword, newPassword) =>
      checked(IPC_CONTRACT['flow:changePassword'].output, () => bridge.changePassword({ oldPassword, newPassword })),
    cancel: () => checked(IPC_CONTRACT['flow:cancel'].output, () => bridge.cancelFlow({})),
    async getAppInfo(): Promise<Result<AppInfo>> {
      const result = await checked(IPC_CONTRACT['app:info'].output, () => bridge.getAppInfo({}));
      if (!result.ok) return result;
      const {
        organizationName,
        contactAdminUrl,
        version,
        idleTimeoutSeconds,
        locale,
        managedSettings,
        unlockAllowed,
        changeAllowed,
        userIdDomain,
      } = result.value;
      return {
        ok: true,
        value: {
          organizationName,
          version,
          ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
          ...(idleTimeoutSeconds === undefined ? {} : { idleTimeoutSeconds }),
          ...(locale === undefined ? {} : { locale }),
          ...(managedSettings === undefined ? {} : { managedSettings }),
          ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
          ...(changeAllowed === undefined ? {} : { changeAllowed }),
          ...(userIdDomain === undefined ? {} : { userIdDomain }),
        },
      };
    },
  };
}
