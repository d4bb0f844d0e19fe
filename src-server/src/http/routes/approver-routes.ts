import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import {
  APPROVER_KEY_HEADER,
  ApproverDecisionRequestSchema,
  ApproverDecisionResponseSchema,
  ApproverRequestsSchema,
  ROUTES,
} from '@resetdesk/shared';
import type { AuditLog } from '../../audit/audit-log';
import { AppError } from '../../errors/app-error';
import type { AuthenticatorApprovalMethod } from '../../methods/authenticator-approval/authenticator-approval';
import { APPROVER_PAGE_HTML } from '../approver/approver-page';
import { APPROVER_SCRIPT } from '../approver/approver-script';
import { ERROR_RESPONSES } from '../route-schemas';

export interface ApproverRoutesOptions {
  approval: AuthenticatorApprovalMethod;
  audit: AuditLog | null;
}

function deviceKeyOf(request: FastifyRequest): string {
  const value = request.headers[APPROVER_KEY_HEADER];
  if (typeof value !== 'string' || value.length < 16 || value.length > 128) {
    throw new AppError('INVALID_INPUT', `The ${APPROVER_KEY_HEADER} header is missing or malformed.`);
  }
  return value;
}

const UNKNOWN_DEVICE = 'This approver link is not registered (any more): register the device again.';

/**
 * The approver: a small page for the user's registered phone, and the two calls it makes. The device key comes from
 * the link's fragment (which browsers never send) and travels only in a header.
 */
export const approverRoutes: FastifyPluginCallbackZod<ApproverRoutesOptions> = (app, { approval, audit }, done) => {
  app.get(ROUTES.approverPage, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(APPROVER_PAGE_HTML),
  );

  app.get(ROUTES.approverScript, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(APPROVER_SCRIPT),
  );

  app.get(ROUTES.approverRequests, { schema: { response: { 200: ApproverRequestsSchema, ...ERROR_RESPONSES } } }, async (request) => {
    const requests = await approval.pendingFor(deviceKeyOf(request));
    if (requests === null) throw new AppError('INVALID_INPUT', UNKNOWN_DEVICE);
    return { requests };
  });

  app.post(
    ROUTES.approverDecision,
    { schema: { body: ApproverDecisionRequestSchema, response: { 200: ApproverDecisionResponseSchema, ...ERROR_RESPONSES } } },
    async (request) => {
      const { requestId, ...decision } = request.body;
      const outcome = await approval.decide(deviceKeyOf(request), requestId, decision);
      await audit?.record({
        event: 'approval.decided',
        outcome: outcome === 'approved' ? 'success' : 'failure',
        ip: request.ip,
        log: request.log,
        detail: outcome ?? 'not_open',
      });
      if (outcome === null) throw new AppError('APPROVAL_EXPIRED', 'The request is no longer open.');
      return { outcome };
    },
  );

  done();
};
