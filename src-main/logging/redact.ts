import { FLOW_TOKEN_HEADER } from '@resetdesk/shared';

/**
 * Log arguments pass through here before they reach any sink, so that a careless log line cannot leak what the user
 * typed or the flow token. Redaction is by key (deep, case- and separator-insensitive) and by pattern inside strings.
 */
export const REDACTED = '[REDACTED]';

// Compared after lower-casing and dropping '-' and '_': "new_password", "New-Password" and "newPassword" are one key.
const SECRET_KEY_PARTS = ['password', 'passwd', 'token', 'secret', 'credential', 'authorization', 'cookie'];
const SECRET_KEYS_EXACT = new Set(['code', 'answer', 'answers', 'otp', 'pin', normalizeKey(FLOW_TOKEN_HEADER)]);

const MAX_DEPTH = 8;

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[-_]/gu, '');
}

export function isSecretKey(key: string): boolean {
  const normalized = normalizeKey(key);
  return SECRET_KEYS_EXACT.has(normalized) || SECRET_KEY_PARTS.some((part) => normalized.includes(part));
}

// `key: value`, `key=value` and `"key":"value"` inside free text (query strings, serialized JSON, header dumps).
const SECRET_KEY_IN_TEXT =
  /(?<![A-Za-z0-9_-])(["']?)((?:[A-Za-z_-]*(?:password|passwd|token|secret|credential|authorization|cookie)[A-Za-z_-]*)|code|answer|otp|pin|x-resetdesk-flow)\1(\s*[:=]\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&}\]]+)/giu;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gu;
// Verification codes are 6 to 10 digits; scrub every such run that is not part of a longer number.
const DIGIT_RUN = /(?<!\d)\d{6,10}(?!\d)/gu;

export function redactString(text: string): string {
  return text
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(SECRET_KEY_IN_TEXT, (_match, quote: string, key: string, separator: string, value: string) => {
      const valueQuote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
      return `${quote}${key}${quote}${separator}${valueQuote}${REDACTED}${valueQuote}`;
    })
    .replace(DIGIT_RUN, REDACTED);
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A code can arrive as a number too.
    const text = String(value);
    return redactString(text) === text ? value : REDACTED;
  }
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? '[Function]' : value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  try {
    if (value instanceof Error) {
      // Only the name and a scrubbed message: error objects (axios's especially) carry request bodies and headers.
      return { name: value.name, message: redactString(value.message) };
    }
    if (value instanceof Date) return value.toISOString();
    if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return '[Binary]';
    if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
    if (value instanceof Map) {
      return redactValue(Object.fromEntries(value), depth, seen);
    }
    if (value instanceof Set) return redactValue([...value], depth, seen);
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = isSecretKey(key) ? REDACTED : redactValue(inner, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** Returns a redacted deep copy; the input is never modified. */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}
