import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, clipboard, powerMonitor, session } from 'electron';
import { createIdleWatchdog } from '../session/idle-watchdog';
import { APP_ENTRY_URL } from '../security/navigation-policy';
import { userInfo } from 'node:os';
import { SERVER_URL_ENV } from '../config/app-config';
import { ManagedConfigLoader } from '../config/managed/managed-config';
import { platformSources } from '../config/managed/platform-sources';
import { createMainCore } from '../composition/create-main-core';
import { createDeviceTrustForApp } from '../devices/create-device-trust-for-app';
import { createRedactingLogger } from '../logging/logger';
import { findForbiddenNodeOption, findForbiddenSwitch } from '../security/command-line-guard';
import { APP_ORIGIN } from '../security/navigation-policy';
import { createElectronLogSink, setElectronLogLevel } from './electron-log-sink';
import { registerIpc } from './ipc-registration';
import { registerRendererScheme, serveRenderer } from './renderer-protocol';
import { hardenSession, hardenWebContents } from './web-contents-hardening';
import { createWizardWindow } from './window';

// Bundled to dist/main/main.js: the preload sits next to it and the renderer build in dist/renderer.
const mainDir = dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = join(mainDir, '..', 'renderer');
const PRELOAD_PATH = join(mainDir, 'preload.cjs');
const CONFIG_FILE_ENV = 'RESETDESK_APP_CONFIG_FILE';

const logger = createRedactingLogger(createElectronLogSink());

function refuseDebugSwitches(): boolean {
  const forbidden = findForbiddenSwitch(process.argv) ?? findForbiddenNodeOption(process.env);
  if (forbidden === null) return false;
  logger.error('Refusing to start: a debugging switch is present', { switch: forbidden });
  app.exit(1);
  return true;
}

async function start(): Promise<void> {
  if (refuseDebugSwitches()) return;
  app.enableSandbox();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerRendererScheme();

  // Machine policy > user policy > installer default > user setting > built-in default (src-main/config/managed).
  const managed = await new ManagedConfigLoader(
    platformSources({
      platform: process.platform,
      userConfigFile: process.env[CONFIG_FILE_ENV] ?? join(app.getPath('userData'), 'config.json'),
      userName: userInfo().username,
      serverUrlOverride: process.env[SERVER_URL_ENV]?.trim(),
    }),
    logger,
  ).load();
  const config = managed.config;
  if (config.ok && config.value.logLevel) setElectronLogLevel(config.value.logLevel);
  logger.info('Configuration loaded', { managedKeys: managed.managedKeys, origins: managed.origins });
  if (!config.ok) logger.error('Configuration is invalid', { outcome: config.error.code, detail: config.error.message });
  // With an invalid configuration the window still opens (in safe defaults) and explains the problem.
  const windowSettings = config.ok ? config.value : { kiosk: false, devTools: false, externalUrlAllowList: [] };
  const deviceTrust = config.ok ? createDeviceTrustForApp(config.value, app.getVersion(), logger) : undefined;
  const core = createMainCore({
    config,
    appVersion: app.getVersion(),
    trustedOrigins: [APP_ORIGIN],
    logger,
    managedSettings: managed.managedKeys,
    ...(deviceTrust === undefined ? {} : { deviceTrust }),
  });

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, {
      kiosk: windowSettings.kiosk,
      externalUrlAllowList: windowSettings.externalUrlAllowList,
    }),
  );
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();
  hardenSession(session.defaultSession);
  serveRenderer(RENDERER_DIR);
  registerIpc(core.dispatcher);

  const openWindow = () =>
    createWizardWindow({
      kiosk: windowSettings.kiosk,
      // DevTools only in a development build: a packaged app ignores the setting, whoever set it.
      devTools: windowSettings.devTools && !app.isPackaged,
      preloadPath: PRELOAD_PATH,
      onClosed: (webContentsId) => void core.releaseSender(webContentsId),
    });
  let window = openWindow();
  const idleTimeoutSeconds = config.ok ? config.value.idleTimeoutSeconds : undefined;
  if (idleTimeoutSeconds !== undefined) {
    const watchdog = createIdleWatchdog({
      idleTimeoutSeconds,
      getIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      wipe: async () => {
        logger.info('Idle timeout: wiping the session');
        clipboard.clear();
        await session.defaultSession.clearStorageData();
        if (!window.isDestroyed()) {
          await core.releaseSender(window.webContents.id);
          await window.webContents.loadURL(APP_ENTRY_URL);
        }
      },
    });
    setInterval(() => void watchdog.tick(), 5_000).unref();
  }
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = openWindow();
  });
}

start().catch((error: unknown) => {
  logger.error('ResetDesk failed to start', { errorName: error instanceof Error ? error.name : typeof error });
  app.exit(1);
});
