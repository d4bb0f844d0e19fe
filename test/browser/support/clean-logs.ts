import { rmSync } from 'node:fs';
import { LOG_DIR } from './log-sweep';

/** globalSetup of the browser project: every run's sweep looks only at that run's logs and secrets. */
export default function cleanLogs(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
}
