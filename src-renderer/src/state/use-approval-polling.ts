import { useEffect, useState } from 'react';
import type { AwaitApprovalStep } from '@resetdesk/shared';
import type { ResetFlowStore } from './reset-flow-store';

/**
 * While a call or an approval is pending: asks the server every `pollAfterMs` whether it came through, and counts
 * the seconds left for the visible timeout. The server decides when it has expired; the count is only for people.
 */
export function useApprovalPolling(store: ResetFlowStore, step: AwaitApprovalStep): number {
  const deadline = Date.parse(step.expiresAt);
  const [secondsLeft, setSecondsLeft] = useState(() => Math.max(0, Math.ceil((deadline - Date.now()) / 1000)));

  useEffect(() => {
    const poll = setInterval(() => void store.getState().checkDecision(), step.pollAfterMs);
    const tick = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - Date.now()) / 1000))), 1000);
    return () => {
      clearInterval(poll);
      clearInterval(tick);
    };
  }, [store, step.pollAfterMs, deadline]);

  return secondsLeft;
}
