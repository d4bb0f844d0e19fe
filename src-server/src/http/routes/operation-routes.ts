import type { FastifyInstance, FastifyPluginCallback } from 'fastify';
import { z } from 'zod';
import {
  OPERATIONS,
  OPERATION_NAMES,
  httpOf,
  isRemoteOperation,
  needsFlowToken,
  wireBodySchema,
  wireResponseSchema,
} from '@resetdesk/shared';
import type { ParsedOperationInput, RemoteOperationName, WireOutput } from '@resetdesk/shared';
import { verifiedDeviceOf } from '../device-auth-hook';
import { AppError } from '../../errors/app-error';
import type { RequestContext } from '../../flows/engine/request-context';
import { flowTokenOf } from '../flow-token-header';
import { withRequestLog } from '../../support/request-log-scope';
import { ERROR_RESPONSES } from '../route-schemas';

/** What a handler gets besides its input: the flow token (only for operations that carry one) and who is asking. */
export interface OperationCall {
  /** From its header; the empty string for operations that carry no token (they never read it). */
  flowToken: string;
  /** The address, and the enrolled device when the request was signed (throttle scope and binding). */
  context: RequestContext;
}

/** An operation's server side: gets the validated input, answers what the declaration's route answers. */
export type OperationHandler<N extends RemoteOperationName> = (
  input: ParsedOperationInput<N>,
  call: OperationCall,
) => Promise<WireOutput<N>>;

/** Absent handlers are not routed (an embedding without CAPTCHA or verdicts has no such routes). */
export type OperationHandlers = { [N in RemoteOperationName]?: OperationHandler<N> };

type AnyHandler = (input: unknown, call: OperationCall) => Promise<unknown>;

/**
 * Registers every handled operation at its declared method and path, with its declared body and response schemas
 * (so requests are validated and answers checked on the way out). The starts share one route, the kind in the body.
 */
export const operationRoutes: FastifyPluginCallback<{ handlers: OperationHandlers }> = (app, { handlers }, done) => {
  const routes = new Map<string, RemoteOperationName[]>();
  for (const name of OPERATION_NAMES) {
    if (!isRemoteOperation(name) || handlers[name] === undefined) continue;
    const { method, path } = httpOf(name);
    routes.set(`${method} ${path}`, [...(routes.get(`${method} ${path}`) ?? []), name]);
  }
  for (const names of routes.values()) registerRoute(app, names, handlers as Record<string, AnyHandler>);
  done();
};

function registerRoute(app: FastifyInstance, names: RemoteOperationName[], handlers: Record<string, AnyHandler>) {
  const [first] = names;
  if (first === undefined) return;
  if (names.length > 1 && names.some((name) => OPERATIONS[name].relay !== 'start')) {
    throw new Error(`Only flow starts may share a route: ${names.join(', ')}`);
  }
  const { method, path, successStatus } = httpOf(first);
  const body = wireBodySchema(first);
  app.route({
    method,
    url: path,
    schema: {
      ...(body === null ? {} : { body }),
      response: { [successStatus]: wireResponseSchema(first) ?? z.undefined(), ...ERROR_RESPONSES },
    },
    handler: async (request, reply) => {
      const { name, input } = operationOf(names, request.body);
      const flowToken = needsFlowToken(name) ? flowTokenOf(request) : '';
      const context: RequestContext = { ip: request.ip, deviceId: verifiedDeviceOf(request), log: request.log };
      const handler = handlers[name] as AnyHandler;
      // The directory (metrics/observed-directory.ts) logs this request's calls on its logger.
      const answer = await withRequestLog(request.log, () => handler(input, { flowToken, context }));
      return successStatus === 204 ? reply.status(204).send() : reply.status(successStatus).send(answer);
    },
  });
}

/** Which operation a request is, and its input: a start is picked by the body's kind, which its handler implies. */
function operationOf(names: RemoteOperationName[], body: unknown): { name: RemoteOperationName; input: unknown } {
  const [first] = names as [RemoteOperationName];
  if (OPERATIONS[first].relay !== 'start') return { name: first, input: body ?? {} };
  const { kind, ...input } = body as { kind: string };
  const name = names.find((candidate) => (OPERATIONS[candidate] as { flowKind?: string }).flowKind === kind);
  if (name === undefined) throw new AppError('INVALID_INPUT', 'This kind of flow cannot be started here.');
  return { name, input };
}
