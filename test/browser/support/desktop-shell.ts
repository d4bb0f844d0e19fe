import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { OPERATION_NAMES, RESETDESK_BRIDGE_KEY, type OperationName } from '@resetdesk/shared';
import {
  WIZARD_CONTENT_SECURITY_POLICY,
  createMainCore,
  createRedactingLogger,
  createRendererFileHandler,
  parseAppConfig,
  type MainCore,
} from '../../../src-main/index';
import type { DeviceTrust } from '../../../src-main/devices/device-trust';
import { appendLog, rememberSecretInputs } from './log-sweep';

/**
 * The desktop app as far as it can run without the Electron binary: the built renderer is served to Chromium by the
 * main process's real protocol handler (same files, same CSP with connect-src 'none'), and the preload's bridge is
 * installed with one function per declared operation that calls the real main-process dispatcher (sender check, input
 * schema, handlers, axios client to the real reset server). Only the transport differs: Playwright's binding instead
 * of Electron's IPC.
 */
export const DESKTOP_ORIGIN = 'https://resetdesk-app.test';
const BINDING = '__resetdeskIpcInvoke';

export interface DesktopShell {
  core: MainCore;
  /** What the main process logged (through its redacting logger). */
  logLines: string[];
  open(page: Page): Promise<void>;
}

export interface DesktopShellOptions {
  /** Signs requests with a device credential, as the app does (src-main/devices). */
  deviceTrust?: DeviceTrust;
  /** Settings beside the server URL (for example a managed idleTimeoutSeconds). */
  config?: Record<string, unknown>;
  /** Setting keys the "organisation" manages (as policy would decide them). */
  managedSettings?: string[];
}

export async function installDesktopShell(
  context: BrowserContext,
  serverUrl: string,
  options: DesktopShellOptions = {},
): Promise<DesktopShell> {
  const logLines: string[] = [];
  const sink = (level: string) => (...args: unknown[]) => {
    const line = `${level} ${args.map((a) => JSON.stringify(a)).join(' ')}`;
    logLines.push(line);
    appendLog('main-process.log', line);
  };
  const core = createMainCore({
    config: parseAppConfig({ ...options.config, serverUrl }),
    appVersion: 'e2e',
    trustedOrigins: [DESKTOP_ORIGIN],
    logger: createRedactingLogger({ info: sink('info'), warn: sink('warn'), error: sink('error') }),
    retryDelaysMs: [],
    ...(options.deviceTrust ? { deviceTrust: options.deviceTrust } : {}),
    ...(options.managedSettings ? { managedSettings: options.managedSettings } : {}),
  });
  const serveRenderer = createRendererFileHandler({
    rootDir: path.resolve('dist/renderer'),
    origin: DESKTOP_ORIGIN,
    contentSecurityPolicy: WIZARD_CONTENT_SECURITY_POLICY,
  });
  await context.route(`${DESKTOP_ORIGIN}/**`, async (route) => {
    const request = route.request();
    const response = await serveRenderer(new Request(request.url(), { method: request.method() }));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
  // The sender is the frame that called, exactly as ipcMain sees event.senderFrame.
  let nextSenderId = 1;
  const senderIds = new WeakMap<Page, number>();
  await context.exposeBinding(BINDING, async (source, channel: OperationName, input: unknown) => {
    let senderId = senderIds.get(source.page);
    if (senderId === undefined) {
      senderId = nextSenderId++;
      senderIds.set(source.page, senderId);
    }
    rememberSecretInputs(input);
    return core.dispatcher.dispatch(channel, input, { senderId, senderUrl: source.frame.url() });
  });
  await context.addInitScript(preloadScript());
  return {
    core,
    logLines,
    async open(page: Page) {
      await page.goto(`${DESKTOP_ORIGIN}/index.html`);
    },
  };
}

/** The same object the real preload builds with buildBridge(), as page script text. */
function preloadScript(): string {
  const entries = OPERATION_NAMES.map(
    (name) => `${JSON.stringify(name)}: (input) => window[${JSON.stringify(BINDING)}](${JSON.stringify(name)}, input)`,
  );
  return `Object.defineProperty(window, ${JSON.stringify(RESETDESK_BRIDGE_KEY)}, { value: Object.freeze({ ${entries.join(', ')} }) });`;
}
