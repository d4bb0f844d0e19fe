import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterEach, describe, expect, it } from 'vitest';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { installErrorHandling } from '../../../../src-server/src/http/errors';
import { operationRoutes } from '../../../../src-server/src/http/routes/operation-routes';
import type { OperationHandlers } from '../../../../src-server/src/http/routes/operation-routes';

const TOKEN = 'T'.repeat(43);
const response = (flowKind: FlowResponse['flow']['flowKind']): FlowResponse => ({
  flowToken: TOKEN,
  flow: { flowKind, expiresAt: '2030-01-01T12:00:00.000Z', step: { kind: 'done', outcome: 'passwordReset' } },
});

let app: FastifyInstance;

async function appWith(handlers: OperationHandlers): Promise<FastifyInstance> {
  app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await app.register(operationRoutes, { handlers });
  return app;
}

afterEach(async () => {
  await app.close();
});

describe('operation routes: registered from the declarations', () => {
  it('sends each kind of start to its own handler, without the kind, with the declared status', async () => {
    const seen: string[] = [];
    await appWith({
      startReset: (input) => (seen.push(`reset ${input.username}`), Promise.resolve(response('reset'))),
      startUnlock: (input) => (seen.push(`unlock ${input.username}`), Promise.resolve(response('unlock'))),
    });
    const start = (payload: object) => app.inject({ method: 'POST', url: ROUTES.startFlow, payload });
    const unlock = await start({ kind: 'unlock', username: ' f ' });
    expect(unlock.statusCode).toBe(201);
    expect(unlock.json()).toMatchObject({ flow: { flowKind: 'unlock' } });
    const change = await start({ kind: 'change', username: 'g' });
    expect(change.statusCode).toBe(400);
    expect(change.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect(seen).toEqual(['unlock f']);
  });

  it('passes the flow token from its header, answers a cancel with 204 and routes no absent handler', async () => {
    const tokens: string[] = [];
    await appWith({
      cancelFlow: (_input, { flowToken }) => (tokens.push(flowToken), Promise.resolve(undefined)),
    });
    const headers = { [FLOW_TOKEN_HEADER]: TOKEN };
    const cancelled = await app.inject({ method: 'DELETE', url: ROUTES.cancelFlow, headers });
    expect(cancelled.statusCode).toBe(204);
    expect(tokens).toEqual([TOKEN]);
    const withoutToken = await app.inject({ method: 'DELETE', url: ROUTES.cancelFlow });
    expect(withoutToken.json()).toMatchObject({ error: { code: 'INVALID_INPUT' } });
    expect((await app.inject({ method: 'POST', url: ROUTES.getCaptcha, payload: {} })).statusCode).toBe(404);
  });

  it('refuses a body outside the declared input before the handler runs', async () => {
    let ran = false;
    await appWith({ verifyCode: () => ((ran = true), Promise.resolve(response('reset'))) });
    const bad = await app.inject({
      method: 'POST',
      url: ROUTES.verifyCode,
      headers: { [FLOW_TOKEN_HEADER]: TOKEN },
      payload: { code: '12ab' },
    });
    expect(bad.statusCode).toBe(400);
    expect(ran).toBe(false);
  });
});
