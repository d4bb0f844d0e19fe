import { createBridgeResetApi, findBridge } from './bridge-reset-api';
import { createHttpResetApi } from './http-reset-api';
import type { ResetApi } from './reset-api';

/** Inside the desktop app the preload's bridge is the way out; in a plain browser the page's own server is. */
export function chooseResetApi(win: Window): ResetApi {
  const bridge = findBridge(win);
  return bridge ? createBridgeResetApi(bridge) : createHttpResetApi({ baseUrl: win.location.origin });
}
