import type { PublicConfig } from '@resetdesk/shared';
import type { CaptchaService } from '../../captcha/captcha-service';
import type { ChangeFlowService } from '../../flows/change/change-flow-service';
import type { PasswordVerdictService } from '../../flows/reset/password-verdict-service';
import type { ResetFlowService } from '../../flows/reset/reset-flow-service';
import type { HelpRequestService } from '../../help-requests/help-request-service';
import type { RegistrationFlowService } from '../../flows/registration/registration-flow-service';
import type { OperationHandlers } from './operation-routes';


export interface OperationHandlerDeps {
  // What any client may know before a flow starts: the organisation's name, where to get help, demo or not.
  publicConfig: PublicConfig;
  flows: ResetFlowService;
  // Change-password flows: started and submitted here; shown and cancelled by `flows` like every flow.
  changeFlows: ChangeFlowService;
  // The live password verdict at the new-password step (absent in embeddings that do not offer it).
  passwordVerdicts?: PasswordVerdictService | undefined;
  // CAPTCHA issuing and helpdesk requests (absent in embeddings that do not offer them; both or neither).
  captcha?: CaptchaService | undefined;
  helpRequests?: HelpRequestService | undefined;
  // Security info (register flows): started and driven here; their verification gate, view and cancel by `flows`.
  registration?: RegistrationFlowService | undefined;
}

/**
 * The server side of every declared operation the reset server answers, by its one name: thin adapters from the
 * validated input to the services, which hold all the rules. Routes, schemas and statuses come from the declaration.
 */
export function operationHandlers(deps: OperationHandlerDeps): OperationHandlers {
  const { flows, changeFlows, passwordVerdicts, captcha, helpRequests, registration } = deps;
  return {
    getPublicConfig: () => Promise.resolve(deps.publicConfig),
    startReset: (input, { context }) => flows.start({ kind: 'reset', ...input }, context),
    startUnlock: (input, { context }) => flows.start({ kind: 'unlock', ...input }, context),
    startChange: (input, { context }) => changeFlows.start({ kind: 'change', ...input }, context),
    getFlow: (_input, { flowToken, context }) => flows.getFlow(flowToken, context),
    cancelFlow: (_input, { flowToken, context }) => flows.cancel(flowToken, context).then(() => undefined),
    chooseMethod: (input, { flowToken, context }) => flows.chooseMethod(flowToken, input.methodId, context),
    verifyCode: (input, { flowToken, context }) => flows.verifyCode(flowToken, input.code, context),
    answerQuestions: (input, { flowToken, context }) => flows.answerQuestions(flowToken, input.answers, context),
    // Polls a pending voice call or approval.
    checkDecision: (_input, { flowToken, context }) => flows.checkDecision(flowToken, context),
    verifyPasskey: (input, { flowToken, context }) => flows.verifyPasskey(flowToken, input.assertion, context),
    setPassword: (input, { flowToken, context }) => flows.setPassword(flowToken, input.newPassword, context),
    changePassword: (input, { flowToken, context }) => changeFlows.change(flowToken, input, context),
    ...(passwordVerdicts && {
      checkPassword: (input, { flowToken, context }) => passwordVerdicts.verdict(flowToken, input.newPassword, context),
    }),
    ...(captcha && {
      // The proof of work's cost grows with this client's recent failures (the same address the throttles count).
      getCaptcha: (_input, { context }) => captcha.issue({ ip: context.ip }),
    }),
    ...(helpRequests && {
      requestHelp: (input, { context }) => helpRequests.request(input, context),
    }),
    ...(registration && {
      startRegistration: (input, { context }) => registration.start({ kind: 'register', ...input }, context),
      signIn: (input, { flowToken, context }) => registration.signIn(flowToken, input.password, context),
      beginRegistration: (input, { flowToken, context }) => registration.begin(flowToken, input, context),
      confirmRegistration: (input, { flowToken, context }) =>
        registration.confirm(
          flowToken,
          'attestation' in input
            ? { kind: 'attestation', attestation: input.attestation }
            : { kind: 'code', code: input.code },
          context,
        ),
      removeSecurityInfo: (input, { flowToken, context }) => registration.remove(flowToken, input.methodId, context),
      setDefaultMethod: (input, { flowToken, context }) => registration.setDefault(flowToken, input.methodId, context),
      showSecurityInfo: (_input, { flowToken, context }) => registration.show(flowToken, context),
      finishRegistration: (_input, { flowToken, context }) => registration.finish(flowToken, context),
      signInWithTap: (input, { flowToken, context }) => registration.signInWithTap(flowToken, input.pass, context),
      continueToSecurityInfo: (_input, { flowToken, context }) => changeFlows.continueToSecurityInfo(flowToken, context),
    }),
  };
}
