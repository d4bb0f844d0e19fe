import type { Logger } from 'pino';
import { createAppLogger } from '../http/app-logger';
import type { AppLogOptions } from '../http/app-logger';
import { silentLog } from '../support/log';
import type { Log } from '../support/log';

/**
 * The one logger of a server: the app's (each request a child with its id) and the workers' (each a child with its
 * name). `false` (tests that want quiet) logs nothing anywhere.
 */
export function serverLogger(options: AppLogOptions | false): { logger: Logger | null; log: Log } {
  if (options === false) return { logger: null, log: silentLog };
  const logger = createAppLogger(options);
  return { logger, log: logger };
}
