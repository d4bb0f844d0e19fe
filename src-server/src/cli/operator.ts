import { userInfo } from 'node:os';

/** Who ran an admin command, for the audit detail of the change it made ('unknown' where the OS cannot say). */
export function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
