import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';

// Up to two minutes a countdown in seconds reads best; beyond that people want a clock time (and a date past 12 hours).
const SECONDS_LIMIT = 120;
const SAME_DAY_LIMIT_SECONDS = 12 * 60 * 60;

/** "You can try again in 30 seconds" or "You can try again after 26 Nov, 14:05" for a throttled reset. */
export function RetryAfterNotice({ seconds }: { seconds: number }) {
  const { t } = useI18n();
  // Fixed when the screen appears: the server counted from its answer, which just arrived.
  const [unlocksAt] = useState(() => new Date(Date.now() + seconds * 1000));
  if (seconds < SECONDS_LIMIT) return <>{t.plural(t.m.error.retryAfter, seconds)}</>;
  const format = new Intl.DateTimeFormat(
    t.language,
    seconds > SAME_DAY_LIMIT_SECONDS
      ? { weekday: 'long', day: 'numeric', month: 'long', hour: 'numeric', minute: '2-digit' }
      : { hour: 'numeric', minute: '2-digit' },
  );
  return <>{t.format(t.m.error.unlocksAt, { when: format.format(unlocksAt) })}</>;
}
