import { useEffect, useRef, useState } from 'react';
import type { PasswordVerdict } from '@resetdesk/shared';
import { useResetFlow } from './store-context';

/** Wait this long after the last keystroke before asking: one request per pause, not per character. */
export const VERDICT_DEBOUNCE_MS = 400;

export type ServerVerdictState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'verdict'; verdict: PasswordVerdict };

interface Answer {
  password: string;
  verdict: PasswordVerdict | null;
}

/**
 * The server's verdict on `password`, asked `VERDICT_DEBOUNCE_MS` after typing stops and only when `enabled` (the
 * shared rules already pass: until then the live hints say what is missing). Only the answer for the password now
 * typed is shown. A failure (offline, rate limited) shows nothing: the final setPassword is judged anyway.
 */
export function useServerVerdict(password: string, enabled: boolean): ServerVerdictState {
  const checkPassword = useResetFlow((s) => s.checkPassword);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const asked = useRef(0);

  useEffect(() => {
    const ask = ++asked.current;
    if (!enabled || password === '') return undefined;
    const timer = setTimeout(() => {
      void checkPassword(password).then((result) => {
        if (ask === asked.current) setAnswer({ password, verdict: result.ok ? result.value : null });
      });
    }, VERDICT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [password, enabled, checkPassword]);

  if (!enabled || password === '') return { kind: 'idle' };
  if (answer?.password !== password) return { kind: 'checking' };
  return answer.verdict ? { kind: 'verdict', verdict: answer.verdict } : { kind: 'idle' };
}
