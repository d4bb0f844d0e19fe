import { redact, redactString } from './redact';

/** What the rest of the main process logs through. Fields are structured data, redacted like the message. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Anything that can print: electron-log in the app, console or an array in tests. */
export interface LogSink {
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** Wraps a sink so that every message and field is redacted before the sink sees it. */
export function createRedactingLogger(sink: LogSink): Logger {
  const write = (level: keyof LogSink) => (message: string, fields?: Record<string, unknown>) => {
    const safeMessage = redactString(message);
    if (fields === undefined) sink[level](safeMessage);
    else sink[level](safeMessage, redact(fields));
  };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

export function createSilentLogger(): Logger {
  const ignore = () => undefined;
  return { info: ignore, warn: ignore, error: ignore };
}
