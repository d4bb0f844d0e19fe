import type { FlowResponse, FlowStep } from '@resetdesk/shared';

export const FLOW_TOKEN = 'tok_' + 'a1B2c3D4'.repeat(5);

export function flowResponse(step: FlowStep, flowToken = FLOW_TOKEN): FlowResponse {
  return {
    flowToken,
    flow: { flowKind: 'reset', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString(), step },
  };
}

export const CHOOSE_METHOD_STEP: FlowStep = {
  kind: 'chooseMethod',
  gate: 1,
  gatesRequired: 1,
  methods: [{ id: 'email-1', kind: 'email', maskedTarget: 'j\u2022\u2022\u2022@contoso.com' }],
};

export const ENTER_CODE_STEP: FlowStep = {
  kind: 'enterCode',
  gate: 1,
  gatesRequired: 1,
  method: { id: 'email-1', kind: 'email', maskedTarget: 'j\u2022\u2022\u2022@contoso.com' },
  codeLength: 6,
  codeExpiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
  attemptsLeft: 3,
};

export const NEW_PASSWORD_STEP: FlowStep = {
  kind: 'newPassword',
  policy: { composition: 'entra', minLength: 8, maxLength: 256, minCharacterClasses: 3, disallowUserName: true, historyCount: 0 },
  userNames: ['jan'],
};

export const DONE_STEP: FlowStep = { kind: 'done', outcome: 'passwordReset' };
