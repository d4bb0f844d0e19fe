import type { ApiError } from '@resetdesk/shared';
import type { IpcHandlers } from './ipc-types';

/**
 * Handlers for when the app cannot work at all (an invalid configuration): the window still opens, and every call
 * answers with the same error, so the wizard shows its own localized screen for it instead of a bare dialog.
 */
export function createUnavailableHandlers(error: ApiError): IpcHandlers {
  const answer = () => Promise.resolve({ ok: false as const, error });
  return {
    'flow:start': answer,
    'flow:startUnlock': answer,
    'flow:startChange': answer,
    'flow:changePassword': answer,
    'flow:chooseMethod': answer,
    'flow:verifyCode': answer,
    'flow:current': answer,
    'flow:answerQuestions': answer,
    'flow:checkApproval': answer,
    'flow:setPassword': answer,
    'flow:passwordVerdict': answer,
    'flow:cancel': answer,
    'app:info': answer,
    'captcha:get': answer,
    'help:request': answer,
  };
}
