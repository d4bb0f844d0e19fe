import { useCallback, useEffect, useRef, useState } from 'react';

/** How long before the end the countdown shows (at most a third of the whole timeout). */
export const COUNTDOWN_SECONDS = 30;
const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart', 'input'] as const;

export interface IdleTimeout {
  /** Seconds left while the countdown shows; null otherwise. */
  secondsLeft: number | null;
  /** "I'm still here": counts as activity. */
  stay(): void;
}

/**
 * Runs only after someone has used the wizard: each key press, tap or scroll restarts it. In the last
 * COUNTDOWN_SECONDS it reports the seconds left; at zero it calls onExpire (wipe and start over) and then waits for
 * the next person. The clock is read each second rather than trusted to tick, so a sleeping machine wipes on waking.
 */
export function useIdleTimeout(timeoutSeconds: number | undefined, onExpire: () => void): IdleTimeout {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const lastActivity = useRef<number | null>(null);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const stay = useCallback(() => {
    lastActivity.current = Date.now();
    setSecondsLeft(null);
  }, []);

  // Activity is watched from the first render, before the settings (and so the timeout) have arrived: someone who
  // starts typing on the first screen while they load has used the wizard all the same.
  useEffect(() => {
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { capture: true, passive: true });
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
    };
  }, []);

  useEffect(() => {
    if (timeoutSeconds === undefined) return;
    const countdownFrom = Math.min(COUNTDOWN_SECONDS, Math.floor(timeoutSeconds / 3));
    const timer = window.setInterval(() => {
      if (lastActivity.current === null) return;
      const left = Math.ceil(timeoutSeconds - (Date.now() - lastActivity.current) / 1000);
      if (left <= 0) {
        lastActivity.current = null;
        setSecondsLeft(null);
        expire.current();
      } else {
        setSecondsLeft(left <= countdownFrom ? left : null);
      }
    }, 1000);
    return () => window.clearInterval(timer);
  }, [timeoutSeconds]);

  return { secondsLeft, stay };
}
