import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { API_PREFIX, FLOW_TOKEN_HEADER, OPERATION_NAMES, ROUTES, httpOf, isRemoteOperation } from '@resetdesk/shared';

/** Which declared operations answer at each `METHOD path` (the three starts share one route, the kind in the body). */
function operationsByRoute(): Map<string, string[]> {
  const byRoute = new Map<string, string[]>();
  for (const name of OPERATION_NAMES) {
    if (!isRemoteOperation(name)) continue;
    const { method, path } = httpOf(name);
    byRoute.set(`${method} ${path}`, [...(byRoute.get(`${method} ${path}`) ?? []), name]);
  }
  return byRoute;
}

const OPS_ROUTES = new Set<string>([ROUTES.health, ROUTES.ready, ROUTES.metrics]);
const DEMO_PREFIX = `${API_PREFIX}/demo/`;

/** The tag a route is listed under, by where it sits: the wizard's operations first, the rest by area. */
function tagOf(url: string, isOperation: boolean): string {
  if (isOperation) return 'wizard';
  if (OPS_ROUTES.has(url)) return 'operations';
  if (url.startsWith(DEMO_PREFIX)) return 'demo';
  const area = url.slice(API_PREFIX.length + 1).split('/')[0] ?? '';
  return ['approver', 'devices', 'delivery'].includes(area) ? area : 'other';
}

/**
 * The zod schemas become JSON Schema 2020-12 (jsonSchemaTransform); on top, each route gets its tag, a declared
 * operation its name as operationId, and a demo route `x-demo-only` (it exists only in demo mode, so outside it the
 * document does not list it either). Pages and files (the wizard, the approver page, /docs itself) are not API.
 */
function documentedRoutes(): SwaggerTransform {
  const byRoute = operationsByRoute();
  return (input) => {
    const { url, route } = input;
    const method = Array.isArray(route.method) ? String(route.method[0]) : String(route.method);
    if (!url.startsWith(`${API_PREFIX}/`) && !OPS_ROUTES.has(url)) return { schema: { hide: true }, url };
    const names = byRoute.get(`${method} ${url}`) ?? [];
    const transformed = jsonSchemaTransform({ ...input, schema: input.schema ?? {} });
    const schema: Record<string, unknown> = { ...transformed.schema, tags: [tagOf(url, names.length > 0)] };
    if (names.length === 1) schema['operationId'] = names[0];
    if (names.length > 1) {
      schema['operationId'] = 'startFlow';
      schema['summary'] = `One route for ${names.join(', ')}: the body's kind says which.`;
    }
    if (url.startsWith(DEMO_PREFIX)) {
      schema['x-demo-only'] = true;
      schema['description'] = 'Demo mode only: this route does not exist on a server started without --demo.';
    }
    return { schema, url: transformed.url };
  };
}

/**
 * The OpenAPI 3.1 document of every route the server has (so a route that is not registered, such as the demo's
 * outside demo mode, is not in it) at /docs/json, and the Swagger UI at /docs. Registered before any route, since
 * @fastify/swagger collects routes as they are added.
 */
export function registerApiDocs(app: FastifyInstance, version: string): void {
  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ResetDesk reset server',
        version,
        description:
          'Self-service password reset. The wizard\'s operations are declared once (src-shared operations.ts); ' +
          `the flow token travels in the ${FLOW_TOKEN_HEADER} header, never in a URL.`,
      },
      tags: [
        { name: 'wizard', description: 'The declared operations of the reset, unlock and change wizard' },
        { name: 'operations', description: 'Liveness, readiness and metrics for the people who run the server' },
        { name: 'demo', description: 'Demo mode only' },
      ],
    },
    transform: documentedRoutes(),
  });
  // Its page loads only scripts and styles from this origin, so the wizard's CSP (security-headers.ts) serves it
  // unchanged: test/browser/api-docs.test.ts renders it in Chromium and sees no violation.
  void app.register(fastifySwaggerUi, {
    routePrefix: ROUTES.docs,
    // No call-outs: the badge would load from the validator's site, which the CSP (rightly) refuses.
    uiConfig: { validatorUrl: null, deepLinking: false },
  });
}
