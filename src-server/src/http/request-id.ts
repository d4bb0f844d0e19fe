import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// What an upstream proxy's id may look like: short, printable, no spaces, quotes or control characters (it goes into
// every log line and back into a response header, so nothing that could forge a field or split a header).
const FORWARDED_ID = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{7,127}$/u;

export type TrustProxy = false | ((address: string, hop: number) => boolean);

/**
 * Fastify's genReqId: the X-Request-Id a trusted proxy set (so one id follows a request through the proxy's logs and
 * ours), else a random one. Anyone else's header is ignored: a client could otherwise plant ids in our logs, or make
 * two requests look like one.
 */
export function requestIdGenerator(trustProxy: TrustProxy): (request: IncomingMessage) => string {
  return (request) => {
    const peer = request.socket.remoteAddress;
    const forwarded = request.headers[REQUEST_ID_HEADER];
    if (trustProxy && peer !== undefined && typeof forwarded === 'string' && trustProxy(peer, 0)) {
      if (FORWARDED_ID.test(forwarded)) return forwarded;
    }
    return randomUUID();
  };
}
