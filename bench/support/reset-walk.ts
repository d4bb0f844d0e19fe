import type { FastifyInstance } from 'fastify';
import { FLOW_TOKEN_HEADER, FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import type { RecordingChannel } from '../../test/server/support/recording-channel';

/** A person in the directory under test: the name typed on the first screen and the address the code goes to. */
export interface BenchAccount {
  username: string;
  email: string;
}

async function post(app: FastifyInstance, route: string, body: unknown, token?: string): Promise<FlowResponse> {
  const response = await app.inject({
    method: 'POST',
    url: route,
    headers: token ? { [FLOW_TOKEN_HEADER]: token } : {},
    payload: body as object,
  });
  if (response.statusCode >= 300) throw new Error(`${route} answered ${response.statusCode}: ${response.body}`);
  return FlowResponseSchema.parse(response.json());
}

// The delivery queue sends after the request has answered: wait (bounded) for the code to reach the channel.
async function codeFor(channel: RecordingChannel, to: string): Promise<string> {
  const deadline = performance.now() + 10_000;
  while (!channel.sent.some((message) => message.to === to)) {
    if (performance.now() > deadline) throw new Error(`no code reached ${to} within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return channel.lastCode(to);
}

/** start -> choose email -> the code from the channel -> verify: the flow's (new) token, at the newPassword step. */
export async function walkToNewPassword(
  app: FastifyInstance,
  channel: RecordingChannel,
  account: BenchAccount,
): Promise<string> {
  const started = await post(app, ROUTES.startFlow, { kind: 'reset', username: account.username });
  const token = started.flowToken;
  if (started.flow.step.kind !== 'chooseMethod') throw new Error(`${account.username}: ${started.flow.step.kind}`);
  const email = started.flow.step.methods.find((method) => method.kind === 'email');
  if (!email) throw new Error(`${account.username} is offered no email code`);
  await post(app, ROUTES.chooseMethod, { methodId: email.id }, token);
  const verified = await post(app, ROUTES.verifyCode, { code: await codeFor(channel, account.email) }, token);
  if (verified.flow.step.kind !== 'newPassword') throw new Error(`${account.username}: ${verified.flow.step.kind}`);
  // A passed gate rotates the token: the next step takes the new one.
  return verified.flowToken;
}

/**
 * The measured request: POST setPassword through the whole server (routing, flow, policy check, directory). Only the
 * request is timed; its answer is checked after.
 */
export async function timedSetPassword(app: FastifyInstance, token: string, newPassword: string): Promise<number> {
  const t0 = performance.now();
  const response = await app.inject({
    method: 'POST',
    url: ROUTES.setPassword,
    headers: { [FLOW_TOKEN_HEADER]: token },
    payload: { newPassword },
  });
  const ms = performance.now() - t0;
  if (response.statusCode !== 200) throw new Error(`setPassword answered ${response.statusCode}: ${response.body}`);
  const done = FlowResponseSchema.parse(response.json());
  if (done.flow.step.kind !== 'done') throw new Error(`the reset did not complete: ${done.flow.step.kind}`);
  return ms;
}
