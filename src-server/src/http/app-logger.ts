import pino from 'pino';
import type { Logger } from 'pino';
import { APPROVER_KEY_HEADER, DEVICE_HEADERS, FLOW_TOKEN_HEADER } from '@resetdesk/shared';

export interface AppLogOptions {
  level: string;
  // Where log lines go (stdout when absent). Tests pass a stream to inspect what would be logged.
  stream?: { write(line: string): void };
}

// Belt and braces: the default serializers log no headers or bodies and the services log no secrets, but if someone
// adds them these stay out. `code` is not among them: it names error codes in our lines.
const REDACTED_PATHS = [
  `req.headers["${FLOW_TOKEN_HEADER}"]`,
  `req.headers["${DEVICE_HEADERS.signature}"]`,
  `req.headers["${APPROVER_KEY_HEADER}"]`,
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...['password', 'newPassword', 'oldPassword', 'answers', 'flowToken', 'callId', 'to', 'email', 'phone'].flatMap(
    (key) => [key, `*.${key}`],
  ),
];

/**
 * The server's one logger: JSON lines (pino). The HTTP app makes each request's child of it (with the request id),
 * the workers theirs (with their worker name), so every line says where it came from.
 */
export function createAppLogger(options: AppLogOptions): Logger {
  const settings = { level: options.level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return options.stream ? pino(settings, options.stream) : pino(settings);
}
