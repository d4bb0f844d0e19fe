import { OPERATION_NAMES } from '@resetdesk/shared';
import type { ApiError } from '@resetdesk/shared';
import type { IpcHandlers } from './ipc-types';

/**
 * Handlers for when the app cannot work at all (an invalid configuration): the window still opens, and every call
 * answers with the same error, so the wizard shows its own localized screen for it instead of a bare dialog.
 */
export function createUnavailableHandlers(error: ApiError): IpcHandlers {
  const answer = () => Promise.resolve({ ok: false as const, error });
  return Object.fromEntries(OPERATION_NAMES.map((name) => [name, answer])) as unknown as IpcHandlers;
}
