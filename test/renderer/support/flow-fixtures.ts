import { DEFAULT_PASSWORD_POLICY, FlowViewSchema } from '@resetdesk/shared';
import type { ApiError, FlowStep, FlowView, Result } from '@resetdesk/shared';

export const EXPIRES_AT = '2030-01-01T12:15:00.000Z';
export const METHOD = { id: 'email-1', kind: 'email', maskedTarget: 'j•••@contoso.com' } as const;

// Parsed with the contract's schema so a fixture can never drift from what a server may send.
export function view(step: FlowStep, expiresAt = EXPIRES_AT): FlowView {
  return FlowViewSchema.parse({ flowKind: 'reset', expiresAt, step });
}

export const chooseMethodView = () =>
  view({ kind: 'chooseMethod', gate: 1, gatesRequired: 1, methods: [METHOD] });
export const enterCodeView = (attemptsLeft = 3) =>
  view({
    kind: 'enterCode',
    gate: 1,
    gatesRequired: 1,
    method: METHOD,
    codeLength: 6,
    codeExpiresAt: '2030-01-01T12:10:00.000Z',
    attemptsLeft,
  });
export const newPasswordView = () =>
  view({ kind: 'newPassword', policy: DEFAULT_PASSWORD_POLICY, userNames: ['jan.jansen@contoso.com', 'Jan Jansen'] });
export const doneView = () => view({ kind: 'done', outcome: 'passwordReset' });

export const success = (flow: FlowView): Result<FlowView> => ({ ok: true, value: flow });
export const failure = (error: ApiError): Result<FlowView> => ({ ok: false, error });
