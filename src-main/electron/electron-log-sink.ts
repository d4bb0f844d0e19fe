import log from 'electron-log/main';
import type { LogSink } from '../logging/logger';
import { redact } from '../logging/redact';

export type LogLevel = 'error' | 'warn' | 'info' | 'debug';

// Rotation: past this size electron-log moves main.log to main.old.log and starts afresh (two files at most).
const MAX_LOG_FILE_BYTES = 5 * 1024 * 1024;

/**
 * electron-log as the sink behind the redacting logger. Files go to the platform's log folder (Windows
 * %APPDATA%\ResetDesk\logs, macOS ~/Library/Logs/ResetDesk, Linux ~/.config/ResetDesk/logs). Only the redacting
 * logger writes here, and a hook redacts again whatever reaches electron-log by any other path; electron-log's own
 * error catching stays off, because an uncaught error object could carry a request body.
 */
export function createElectronLogSink(level: LogLevel = 'info'): LogSink {
  log.transports.file.level = level;
  log.transports.file.maxSize = MAX_LOG_FILE_BYTES;
  log.transports.console.level = 'warn';
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redact(item)) }));
  return {
    info: (...args) => log.info(...args),
    warn: (...args) => log.warn(...args),
    error: (...args) => log.error(...args),
  };
}

/** Applies the configured level once the configuration is known (logging starts before it is read). */
export function setElectronLogLevel(level: LogLevel): void {
  log.transports.file.level = level;
}
