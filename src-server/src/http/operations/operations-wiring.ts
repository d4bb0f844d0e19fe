import type { FastifyInstance } from 'fastify';
import type { ServerMetrics } from '../../metrics/server-metrics';
import { registerApiDocs } from './api-docs';
import { registerLoadShedding } from './load-shedding';
import { installRequestMetrics, metricsRoutes } from './metrics-routes';
import type { OperationsSettings } from './operations-settings';
import type { ReadinessCheck } from './readiness';
import { readinessRoutes } from './readiness-routes';

/** What the app needs for /docs, /readyz, /metrics and load shedding (built in runtime/operations-parts.ts). */
export interface OperationsParts {
  settings: OperationsSettings;
  readiness: ReadinessCheck;
  metrics: ServerMetrics;
  // The bearer token /metrics asks for; null serves it to loopback only.
  metricsToken: string | null;
}

/** On the root, before any route: the OpenAPI collector, load shedding, and the timing of every answer. */
export function installOperations(app: FastifyInstance, parts: OperationsParts, version: string): void {
  if (parts.settings.docs.enabled) registerApiDocs(app, version);
  registerLoadShedding(app, parts.settings.loadShedding, (reason) => parts.metrics.shedRequests.inc({ reason }));
  if (parts.settings.metrics.enabled) installRequestMetrics(app, parts.metrics);
}

/** Among the API's routes (zod compilers): /readyz and /metrics. */
export function registerOperationRoutes(app: FastifyInstance, parts: OperationsParts): void {
  void app.register(readinessRoutes, { readiness: parts.readiness });
  if (parts.settings.metrics.enabled) {
    void app.register(metricsRoutes, { metrics: parts.metrics, token: parts.metricsToken });
  }
}
