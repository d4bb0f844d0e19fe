import type { FastifyRequest } from 'fastify';
import { API_PREFIX } from '@resetdesk/shared';

/**
 * The route pattern the router matched (e.g. `/api/v1/flows`), or null when no route matched (the 404 handler).
 *
 * Every prefix-based decision (device signatures, caching) uses this, never `request.url`: the raw URL is what the
 * client typed (`/%61pi/v1/flows`, `//api/v1/flows`, `/api/v1/flows/`), the router decodes and normalises it, so a
 * check on the raw text and the handler the router picks can disagree.
 */
export function matchedRoute(request: FastifyRequest): string | null {
  // routeOptions.url is undefined for requests that matched no route.
  const url = request.routeOptions.url as string | undefined;
  return typeof url === 'string' && url.length > 0 ? url : null;
}

/** True when the matched route is one of the API's (under API_PREFIX). */
export function isApiRoute(route: string | null): boolean {
  return route !== null && route.startsWith(`${API_PREFIX}/`);
}

/**
 * Router options that fold path variants into the canonical route: `//api/v1/flows` and `/api/v1/flows/` reach the
 * same route as `/api/v1/flows` (with the same hooks). Case stays significant, as in the API contract: `/API/v1/flows`
 * matches no API route.
 */
export const ROUTER_OPTIONS = { ignoreDuplicateSlashes: true, ignoreTrailingSlash: true } as const;
