import { existsSync } from 'node:fs';
import type { FastifyPluginCallback } from 'fastify';

// How often the held request looks for its release file.
const POLL_MS = 20;

/**
 * Test seam for the shutdown test (test/server/runtime/graceful-shutdown.test.ts): GET /__test/hold logs that it is
 * in flight, then answers only once `file` exists. So the test holds a request open for as long as it needs to, with
 * no sleep whose length is a guess. Registered only when RESETDESK_TEST_HOLD_FILE is set.
 */
export const testHoldRoutes: FastifyPluginCallback<{ file: string }> = (app, { file }, done) => {
  app.get('/__test/hold', async (request) => {
    request.log.info({ component: 'test-hold' }, 'held request in flight');
    while (!existsSync(file)) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    return { released: true };
  });
  done();
};
