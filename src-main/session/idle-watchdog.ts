export interface IdleWatchdogDeps {
  /** The managed idle timeout; the wizard shows its countdown before this. */
  idleTimeoutSeconds: number;
  /** Seconds since the last input anywhere on the machine (Electron's powerMonitor.getSystemIdleTime). */
  getIdleSeconds: () => number;
  /** Clears the clipboard, the session storage and the window's flow, and reloads the first screen. */
  wipe: () => Promise<void> | void;
}

/**
 * The main process's own idle check, behind the wizard's countdown: if the renderer did not wipe (hung, or changed by
 * an attacker), the main process does, a few seconds later. It wipes once per idle period and re-arms on input.
 */
export const WATCHDOG_GRACE_SECONDS = 5;

export interface IdleWatchdog {
  /** Call periodically (every few seconds). Resolves true when it wiped. */
  tick(): Promise<boolean>;
}

export function createIdleWatchdog(deps: IdleWatchdogDeps): IdleWatchdog {
  let wipedThisPeriod = false;
  return {
    async tick() {
      const idle = deps.getIdleSeconds();
      if (idle < deps.idleTimeoutSeconds) {
        wipedThisPeriod = false;
        return false;
      }
      if (wipedThisPeriod || idle < deps.idleTimeoutSeconds + WATCHDOG_GRACE_SECONDS) return false;
      wipedThisPeriod = true;
      await deps.wipe();
      return true;
    },
  };
}
