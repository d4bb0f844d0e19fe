import { FLOW_TOKEN_HEADER, FlowResponseSchema } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';

export interface Answer {
  status: number;
  ms: number;
  code?: string;
  retryAfterSeconds?: number;
  flow?: FlowResponse;
}

/** One request, timed from send to the whole body; never throws on a status (the load run counts them). */
export async function send(
  baseUrl: string,
  method: 'POST' | 'GET',
  route: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const ms = performance.now() - t0;
  const json = text ? (JSON.parse(text) as { error?: { code?: string } }) : {};
  if (response.ok) return { status: response.status, ms, flow: FlowResponseSchema.parse(json) };
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    status: response.status,
    ms,
    ...(json.error?.code ? { code: json.error.code } : {}),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
