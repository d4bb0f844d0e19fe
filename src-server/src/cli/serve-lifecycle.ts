import type { RunningServer } from '../runtime/start-server';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Resolves once SIGTERM or SIGINT has shut the server down: it stops accepting at once, lets the requests in flight
 * finish for up to `graceSeconds` (then cuts them), stops the delivery and upkeep workers, closes the directory's
 * connections and the store (SQLite checkpoints its WAL into the file). The exit code is 0 either way, unless the
 * shutdown itself failed. A second signal while draining changes nothing: the grace period already bounds it.
 */
export function serveUntilSignalled(
  server: RunningServer,
  graceSeconds: number,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  return new Promise<number>((resolve) => {
    const stop = (signal: string): void => {
      for (const name of SIGNALS) process.off(name, stop);
      // Ignore further signals instead of the default (an abrupt exit) while the drain runs.
      for (const name of SIGNALS) process.on(name, () => undefined);
      out(`Shutting down (${signal}): draining requests for up to ${graceSeconds}s...`);
      server.runtime.app.log.info({ component: 'runtime', signal, graceSeconds }, 'shutting down');
      void server.close(graceSeconds * 1000).then(
        () => {
          out('Stopped.');
          resolve(0);
        },
        (error: unknown) => {
          err(`Shutdown failed: ${(error as Error).message}`);
          resolve(1);
        },
      );
    };
    for (const name of SIGNALS) process.on(name, stop);
  });
}
