import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// The HTTP plumbing the provider fakes (fake-twilio.ts, fake-webhook-gateway.ts) share, so each file holds only the
// provider's API: its paths, its authentication and its answers.

export function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function answerJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * Serves `handle` on a free loopback port. A handler that throws answers 500 with the provider's own error body, as
 * the real provider would on its internal error.
 */
export async function listenOnLoopback(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  internalError: unknown,
): Promise<{ server: Server; port: number }> {
  const server = createServer((request, response) => {
    handle(request, response).catch(() => answerJson(response, 500, internalError));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

/** Waits until `items()` holds `count` entries (what the fake was given), failing with what it got by then. */
export async function waitForCount<T>(
  items: () => T[],
  count: number,
  what: string,
  timeoutMs: number,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  while (items().length < count) {
    if (Date.now() > deadline) throw new Error(`${what}: got ${items().length} of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return [...items()];
}
