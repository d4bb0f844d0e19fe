import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ResetFlowStore } from './reset-flow-store';

// setTimeout takes a signed 32-bit delay; longer waits would fire immediately.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

/** Turns the screen into FLOW_EXPIRED when the flow's lifetime ends, even if the person never presses a button. */
export function useFlowExpiry(store: ResetFlowStore): void {
  const expiresAt = useStore(store, (s) => s.flow?.expiresAt);
  useEffect(() => {
    if (expiresAt === undefined) return;
    const check = () => store.getState().expireIfPast();
    const delay = Math.min(Math.max(Date.parse(expiresAt) - Date.now() + 250, 0), MAX_TIMER_DELAY_MS);
    const timer = setTimeout(check, delay);
    // Timers stall while a laptop sleeps or a tab is hidden; re-check when the page is looked at again.
    document.addEventListener('visibilitychange', check);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [expiresAt, store]);
}
