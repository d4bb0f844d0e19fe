import { shell } from 'electron';
import type { Session, WebContents } from 'electron';
import {
  decidePermissionRequest,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
} from '../security/navigation-policy';
import { isBlockedShortcut } from '../security/shortcut-policy';

export interface HardeningOptions {
  /** https/mailto links that may go to the user's browser or mail client; none at all in kiosk mode. */
  externalUrlAllowList: readonly string[];
  kiosk: boolean;
}

/** Applied to every webContents the app ever creates: no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => refuseForeign(event, event.url));
  contents.on('will-redirect', (event) => refuseForeign(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Reload, DevTools, zoom and history keys are swallowed before Chromium acts on them.
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input, options.kiosk)) event.preventDefault();
  });
  contents.on('did-finish-load', () => {
    void contents.setVisualZoomLevelLimits(1, 1);
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (!options.kiosk && isAllowedExternalUrl(url, options.externalUrlAllowList)) void shell.openExternal(url);
    return decideWindowOpen();
  });
}

/** Permissions (camera, notifications, HID, ...) are refused, and the renderer may not reach the network at all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(decidePermissionRequest()));
  session.setPermissionCheckHandler(() => decidePermissionRequest());
  session.setDevicePermissionHandler(() => decidePermissionRequest());
  // The reset server is called from the main process (Node, not this session); the page itself needs no network.
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
}
