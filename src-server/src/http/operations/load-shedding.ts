import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from '../errors';
import type { LoadSheddingSettings } from './operations-settings';

/**
 * Route config for the routes that answer even when the server sheds load: /healthz (a liveness probe that failed
 * under load would get a busy server restarted, which makes it worse), /readyz (it says "saturated" itself) and
 * /metrics (the moment the loop is saturated is when the numbers matter).
 */
export const NOT_SHED = { pressureHandler: (): undefined => undefined } as const;

/**
 * 503 SERVER_BUSY with Retry-After, before any work, while the event loop's mean delay (or, when set, its busy
 * share) over the last sample is above its limit (@fastify/under-pressure). Nothing is done for a shed request, so
 * trying again later is always safe. `onShed` counts them (metrics).
 */
export function registerLoadShedding(
  app: FastifyInstance,
  settings: LoadSheddingSettings,
  onShed: (reason: string) => void,
): void {
  if (!settings.enabled) return;
  const retryAfterSeconds = settings.retryAfterSeconds;
  // Our own answer instead of the plugin's error: the API's error body with its named code, so the wizard shows
  // "busy, try again in N seconds" like any other refusal. The plugin sends what this returns.
  const shed = (_request: FastifyRequest, reply: FastifyReply, type: string) => {
    onShed(type);
    void reply.status(503).header('retry-after', String(retryAfterSeconds));
    return errorBody('SERVER_BUSY', 'The server is too busy to take this request now: try again shortly.', {
      retryAfterSeconds,
    });
  };
  void app.register(underPressure, {
    maxEventLoopDelay: settings.maxEventLoopDelayMs,
    ...(settings.maxEventLoopUtilization === undefined
      ? {}
      : { maxEventLoopUtilization: settings.maxEventLoopUtilization, eventLoopUtilizationMode: 'interval' as const }),
    sampleInterval: settings.sampleIntervalMs,
    retryAfter: retryAfterSeconds,
    // Its types say void, but the plugin sends a handler's return value (index.js handlePressure): our body.
    pressureHandler: shed as unknown as (request: FastifyRequest, reply: FastifyReply) => void,
  });
}
