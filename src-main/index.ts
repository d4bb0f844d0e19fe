// The Electron-free main process, for the Electron adapter (src-main/electron) and for tests.
export { AppConfigSchema, SERVER_URL_ENV, loadAppConfig, parseAppConfig } from './config/app-config';
export type { AppConfig, AppConfigInput, LoadAppConfigOptions } from './config/app-config';
export { createResetServerClient } from './reset-server/reset-server-client';
export type { ResetServerClient, ResetServerClientOptions } from './reset-server/reset-server-client';
export { createFlowTokenStore } from './session/flow-token-store';
export type { FlowTokenStore } from './session/flow-token-store';
export { createIpcHandlers, createSenderRelease } from './ipc/ipc-handlers';
export { createIpcDispatcher } from './ipc/ipc-dispatcher';
export type { IpcDispatcher, IpcDispatcherDeps } from './ipc/ipc-dispatcher';
export type { IpcContext, IpcHandlers, IpcResult } from './ipc/ipc-types';
export { createMainCore } from './composition/create-main-core';
export type { MainCore, MainCoreOptions } from './composition/create-main-core';
export { createRedactingLogger, createSilentLogger } from './logging/logger';
export type { LogSink, Logger } from './logging/logger';
export { redact } from './logging/redact';
export { WIZARD_CONTENT_SECURITY_POLICY } from './security/content-security-policy';
export { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME } from './security/navigation-policy';
export { createRendererFileHandler } from './protocol/renderer-file-handler';
