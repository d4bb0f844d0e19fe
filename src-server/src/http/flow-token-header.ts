import type { FastifyRequest } from 'fastify';
import { FLOW_TOKEN_HEADER } from '@resetdesk/shared';
import { AppError } from '../errors/app-error';

/** The flow token travels only in its header (never in a URL, where proxies and logs would keep it). */
export function flowTokenOf(request: FastifyRequest): string {
  const value = request.headers[FLOW_TOKEN_HEADER];
  if (typeof value !== 'string' || value.length === 0) {
    throw new AppError('INVALID_INPUT', `The ${FLOW_TOKEN_HEADER} header is missing.`);
  }
  return value;
}
