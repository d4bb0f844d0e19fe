import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

/**
 * The log-redaction sweep's ledger: browser tests write every log line (the main process's, the server's) and every
 * secret they typed or were given into test-results/logs/; test/sweep/ then searches all the logs for all the
 * secrets after the whole browser suite has run.
 */
export const LOG_DIR = path.resolve('test-results/logs');
export const SECRETS_FILE = path.join(LOG_DIR, 'secrets.jsonl');

// Shorter values (a 4-letter username) would match innocently; every secret the tests use is longer.
export const MIN_SECRET_LENGTH = 6;
const SECRET_INPUT_KEYS = new Set(['newPassword', 'oldPassword', 'password', 'code', 'answer', 'enrollmentToken']);

export function appendLog(name: string, text: string): void {
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(path.join(LOG_DIR, name), text.endsWith('\n') ? text : `${text}\n`);
}

export function rememberSecret(value: string, what: string): void {
  if (value.length < MIN_SECRET_LENGTH) return;
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(SECRETS_FILE, `${JSON.stringify({ what, value })}\n`);
}

/**
 * Records the secret fields of an IPC input (what a person typed into the wizard), nested ones included: security
 * answers arrive as `{ answers: [{ questionId, answer }] }`. Trimmed, since the wizard sends them as typed.
 */
export function rememberSecretInputs(input: unknown): void {
  if (typeof input !== 'object' || input === null) return;
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string') {
      if (SECRET_INPUT_KEYS.has(key)) rememberSecret(value.trim(), key);
    } else {
      rememberSecretInputs(value);
    }
  }
}
