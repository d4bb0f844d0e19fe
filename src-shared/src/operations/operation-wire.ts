import type { z } from 'zod';
import type { FlowResponse } from '../api/http-api';
import { FlowResponseSchema, StartFlowRequestSchema } from '../api/http-api';
import type { Result } from '../errors/error-codes';
import { resultSchema } from '../errors/error-codes';
import type { OperationName } from './operation-names';
import { OPERATIONS } from './operations';
import type { HttpBinding, OperationInput, OperationOutput, Operations, RemoteOperationName } from './operations';

/**
 * How a declared operation travels over HTTP, derived from its relay: the server's answer to a flow step is the
 * FlowResponse (token and view), a cancel answers 204 without a body, everything else answers the output itself.
 */
export type WireOutput<N extends RemoteOperationName> = Operations[N]['relay'] extends 'start' | 'flow'
  ? FlowResponse
  : Operations[N]['relay'] extends 'cancel'
    ? undefined
    : OperationOutput<N>;

/** Whether the reset server answers the operation (every one but those the main process answers alone). */
export function isRemoteOperation(name: OperationName): name is RemoteOperationName {
  return 'http' in OPERATIONS[name];
}

export function httpOf(name: RemoteOperationName): HttpBinding {
  return OPERATIONS[name].http;
}

/** The schema of the success body, or null when the route answers without one (204). */
export function wireResponseSchema(name: RemoteOperationName): z.ZodType | null {
  const declaration = OPERATIONS[name];
  if (declaration.http.successStatus === 204) return null;
  return declaration.relay === 'start' || declaration.relay === 'flow' ? FlowResponseSchema : declaration.output;
}

/** The schema of the request body, or null for a GET or DELETE (no body). A start names its kind in the body. */
export function wireBodySchema(name: RemoteOperationName): z.ZodType | null {
  const declaration: { relay: string; input: z.ZodType; http: HttpBinding } = OPERATIONS[name];
  if (declaration.http.method !== 'POST') return null;
  const schema = declaration.relay === 'start' ? StartFlowRequestSchema : declaration.input;
  return declaration.http.bodyOptional ? schema.optional() : schema;
}

/** The body the client sends for an (already validated) input; undefined when the route takes none. */
export function wireBody<N extends RemoteOperationName>(name: N, input: OperationInput<N>): unknown {
  const declaration: { http: HttpBinding; flowKind?: string } = OPERATIONS[name];
  if (declaration.http.method !== 'POST') return undefined;
  return declaration.flowKind === undefined ? input : { kind: declaration.flowKind, ...input };
}

/** Whether the call carries the flow token (every flow step, a verdict and a cancel). */
export function needsFlowToken(name: OperationName): boolean {
  const { relay } = OPERATIONS[name];
  return relay === 'flow' || relay === 'flowQuery' || relay === 'cancel';
}

const resultSchemas = new Map<OperationName, z.ZodType>();

/** The IPC answer's schema: a Result of the operation's output (built once per operation). */
export function resultSchemaOf<N extends OperationName>(name: N): z.ZodType<Result<OperationOutput<N>>> {
  let schema = resultSchemas.get(name);
  if (schema === undefined) {
    schema = resultSchema(OPERATIONS[name].output);
    resultSchemas.set(name, schema);
  }
  return schema as z.ZodType<Result<OperationOutput<N>>>;
}
