/**
 * One line of `resetdesk-server directory test`: a check (connect, TLS, bind, search, ...), whether it passed, what
 * was seen, and when it failed a hint at the usual cause. PWM's health check is the model.
 */
export interface HealthLine {
  check: string;
  ok: boolean;
  detail: string;
  hint?: string;
}

/** A directory that can check its own configuration; `user` is a user ID to look up (find, groups, rights). */
export interface DirectoryHealth {
  checkHealth(user?: string): Promise<HealthLine[]>;
}

export function hasHealthCheck(directory: object): directory is DirectoryHealth {
  return typeof (directory as Partial<DirectoryHealth>).checkHealth === 'function';
}
