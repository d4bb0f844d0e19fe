import type { LogSink } from '../../../src-main/logging/logger';

/** A log sink that keeps every line, to assert what was (and was not) logged. */
export function createRecordingSink(): LogSink & { lines: unknown[][]; text(): string } {
  const lines: unknown[][] = [];
  return {
    lines,
    info: (...args) => lines.push(['info', ...args]),
    warn: (...args) => lines.push(['warn', ...args]),
    error: (...args) => lines.push(['error', ...args]),
    text: () => JSON.stringify(lines),
  };
}
