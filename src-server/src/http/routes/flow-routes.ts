import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerQuestionsRequestSchema,
  CheckApprovalRequestSchema,
  ChangePasswordRequestSchema,
  ChooseMethodRequestSchema,
  FlowResponseSchema,
  ROUTES,
  SetPasswordRequestSchema,
  StartFlowRequestSchema,
  VerifyCodeRequestSchema,
} from '@resetdesk/shared';
import type { ChangeFlowService } from '../../flows/change-flow-service';
import type { ResetFlowService } from '../../flows/reset-flow-service';
import type { FastifyRequest } from 'fastify';
import { verifiedDeviceOf } from '../device-auth-hook';
import type { RequestContext } from '../../flows/reset-flow-service';
import { flowTokenOf } from '../flow-token-header';
import { ERROR_RESPONSES } from '../route-schemas';

export interface FlowRoutesOptions {
  flows: ResetFlowService;
  // Change-password flows: started and submitted here; shown and cancelled by `flows` like every flow.
  changeFlows: ChangeFlowService;
}

/** Who is asking: the address, and the enrolled device when the request was signed (throttle scope and binding). */
function contextOf(request: FastifyRequest): RequestContext {
  return { ip: request.ip, deviceId: verifiedDeviceOf(request) };
}

/** The reset flow API: thin adapters from HTTP to the flow service, which holds all the rules. */
export const flowRoutes: FastifyPluginCallbackZod<FlowRoutesOptions> = (app, { flows, changeFlows }, done) => {
  const ok = { 200: FlowResponseSchema, ...ERROR_RESPONSES };

  app.post(
    ROUTES.startFlow,
    { schema: { body: StartFlowRequestSchema, response: { 201: FlowResponseSchema, ...ERROR_RESPONSES } } },
    async (request, reply) => {
      const context = contextOf(request);
      const started =
        request.body.kind === 'change'
          ? await changeFlows.start(request.body, context)
          : await flows.start(request.body, context);
      return reply.status(201).send(started);
    },
  );

  app.get(ROUTES.currentFlow, { schema: { response: ok } }, async (request) =>
    flows.current(flowTokenOf(request), contextOf(request)),
  );

  app.delete(
    ROUTES.currentFlow,
    { schema: { response: { 204: z.undefined(), ...ERROR_RESPONSES } } },
    async (request, reply) => {
      await flows.cancel(flowTokenOf(request), contextOf(request));
      return reply.status(204).send();
    },
  );

  app.post(ROUTES.chooseMethod, { schema: { body: ChooseMethodRequestSchema, response: ok } }, async (request) =>
    flows.chooseMethod(flowTokenOf(request), request.body.methodId, contextOf(request)),
  );

  app.post(ROUTES.verifyCode, { schema: { body: VerifyCodeRequestSchema, response: ok } }, async (request) =>
    flows.verifyCode(flowTokenOf(request), request.body.code, contextOf(request)),
  );

  app.post(ROUTES.answerQuestions, { schema: { body: AnswerQuestionsRequestSchema, response: ok } }, async (request) =>
    flows.answerQuestions(flowTokenOf(request), request.body.answers, contextOf(request)),
  );

  app.post(ROUTES.checkApproval, { schema: { body: CheckApprovalRequestSchema, response: ok } }, async (request) =>
    flows.checkApproval(flowTokenOf(request), contextOf(request)),
  );

  app.post(ROUTES.setPassword, { schema: { body: SetPasswordRequestSchema, response: ok } }, async (request) =>
    flows.setPassword(flowTokenOf(request), request.body.newPassword, contextOf(request)),
  );

  app.post(ROUTES.changePassword, { schema: { body: ChangePasswordRequestSchema, response: ok } }, async (request) =>
    changeFlows.change(flowTokenOf(request), request.body, contextOf(request)),
  );

  done();
};
