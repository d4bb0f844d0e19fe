import { BrowserWindow, Menu } from 'electron';
import type { AppConfig } from '../config/app-config';
import { APP_ENTRY_URL } from '../security/navigation-policy';

export interface WizardWindowOptions {
  /** Kiosk and devTools; taken from the defaults when the configuration is invalid. */
  kiosk: AppConfig['kiosk'];
  devTools: AppConfig['devTools'];
  /** The bundled preload, `dist/main/preload.cjs`. */
  preloadPath: string;
  /** Called once the window's webContents is gone, with its id (to forget that window's flow). */
  onClosed: (webContentsId: number) => void;
}

/** The one wizard window, locked down: isolated, sandboxed, no Node, no webviews, DevTools only when configured. */
export function createWizardWindow(options: WizardWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 520,
    height: 720,
    minWidth: 360,
    minHeight: 480,
    show: false,
    kiosk: options.kiosk,
    autoHideMenuBar: true,
    title: 'ResetDesk',
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: options.devTools,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Middle-click opens links without going through will-navigate or the window-open handler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (options.kiosk) {
    // No menu means no accelerators (reload, DevTools, quit) for someone at a kiosk or lock screen.
    Menu.setApplicationMenu(null);
    window.removeMenu();
  }
  const webContentsId = window.webContents.id;
  window.webContents.once('destroyed', () => options.onClosed(webContentsId));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
