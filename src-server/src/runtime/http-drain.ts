import type { FastifyInstance } from 'fastify';
import type { Log } from '../support/log';

/**
 * Stops the app taking requests and waits for the ones in flight, for at most `graceMs` (no bound when absent). Past
 * it, the connections still open are cut: a shutdown must end even when a client or a directory call hangs.
 * Fastify closes the listening socket at once (new connections are refused) and idle keep-alive connections with it.
 */
export async function drainApp(app: FastifyInstance, graceMs: number | undefined, log: Log): Promise<void> {
  const closing = app.close();
  if (graceMs === undefined) return closing;
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'cut'>((resolve) => {
    timer = setTimeout(() => resolve('cut'), graceMs);
  });
  const first = await Promise.race([closing.then(() => 'drained' as const), graceOver]);
  clearTimeout(timer);
  if (first === 'cut') {
    log.warn({ graceMs }, 'grace period over: closing the connections still open');
    app.server.closeAllConnections();
    await closing;
  }
}
