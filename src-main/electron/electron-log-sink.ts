import log from 'electron-log/main';
import type { LogSink } from '../logging/logger';

/**
 * electron-log as the sink behind the redacting logger. Only the redacting logger writes here; electron-log's own
 * error catching stays off, because an uncaught error object could carry a request body.
 */
export function createElectronLogSink(): LogSink {
  log.transports.file.level = 'info';
  log.transports.console.level = 'warn';
  return {
    info: (...args) => log.info(...args),
    warn: (...args) => log.warn(...args),
    error: (...args) => log.error(...args),
  };
}
