import type { AddressInfo } from 'node:net';
import type { ServerConfig } from '../config/server-config';
import { createServerRuntime } from './server-runtime';
import type { RuntimeOptions, ServerRuntime } from './server-runtime';

export interface RunningServer {
  // For example http://127.0.0.1:8420 (the real port when the config asked for port 0).
  url: string;
  runtime: ServerRuntime;
  // Drains the requests in flight (for at most `graceMs` when given), then stops the workers and closes the store.
  close(graceMs?: number): Promise<void>;
}

/** Builds the runtime and listens on the configured host and port. `close()` stops listening and closes the DB. */
export async function startServer(config: ServerConfig, options: RuntimeOptions = {}): Promise<RunningServer> {
  const runtime = await createServerRuntime(config, options);
  try {
    await runtime.prepare();
    await runtime.app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  const address = runtime.app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${config.tls ? 'https' : 'http'}://${host}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    runtime,
    close(graceMs?: number) {
      closing ??= runtime.close(graceMs);
      return closing;
    },
  };
}
