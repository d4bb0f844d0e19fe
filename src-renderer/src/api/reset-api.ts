import type { OperationApi, OperationOutput } from '@resetdesk/shared';

/** What the wizard shows about where it runs; both the desktop bridge and the public HTTP config provide it. */
export type AppInfo = OperationOutput<'getAppInfo'>;

/**
 * The only way the UI talks to the reset service: one method per declared operation (src-shared/src/operations),
 * named as the declaration names it. Every call resolves to a Result and never throws, so screens can render any
 * failure as one of the shared error codes. The flow token, if any, stays inside the implementation.
 */
export type ResetApi = OperationApi;
