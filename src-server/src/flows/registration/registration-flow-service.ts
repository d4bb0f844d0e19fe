import type { BeginRegistrationRequest, FlowResponse, StartFlowRequest } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { RegistrationAnswer } from '../../methods/method-registrar';
import type { FlowRow } from '../../store/database-schema';
import { FlowEngine } from '../engine/flow-engine';
import type { LoadedFlow } from '../engine/flow-engine';
import type { RequestContext } from '../engine/request-context';
import type { RegistrationSteps } from '../verification/verification-deps';
import type { RegistrationDeps, RegistrationKit } from './registration-deps';
import { signIn, startRegistration } from './registration-sign-in';
import {
  beginRegistration,
  confirmRegistration,
  finishRegistration,
  removeSecurityInfo,
  setDefaultMethod,
  showSecurityInfo,
} from './security-info-changes';
import { securityInfoDue } from './security-info-due';
import type { SecurityInfoDue } from './security-info-due';
import { handOver } from './security-info-handover';
import { registrationResponse } from './security-info-view';
import { signInWithTap } from './tap-sign-in';

/**
 * Security info ("register" flows), as Entra's Security info page, as a persisted flow:
 *
 *   sign_in -> (something registered: choose_method -> verify, the reset's own gate, one method) -> manage
 *   sign_in -> manage (a Temporary Access Pass: password and gate at once)
 *   (a change flow that succeeded, with registration or reconfirmation due) -> manage (handOver)
 *   manage -> register_confirm (a proof sent) -> manage (saved) ...; manage: remove, default -> manage
 *   manage -> completed (finish); any open state -> cancelled (ResetFlowService.cancel)
 *
 * The verification gate's steps are the reset's (chooseMethod, verifyCode, ... on ResetFlowService, which hands a
 * passed register gate back here through RegistrationSteps). Everything else of the flow is here.
 */
export class RegistrationFlowService implements RegistrationSteps {
  private readonly kit: RegistrationKit;

  constructor(deps: RegistrationDeps) {
    this.kit = { ...deps, engine: new FlowEngine(deps) };
  }

  start(request: StartFlowRequest, context: RequestContext): Promise<FlowResponse> {
    return startRegistration(this.kit, request, context);
  }

  signIn(token: string, password: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => signIn(this.kit, loaded, password, context));
  }

  /** A Temporary Access Pass instead of the password (and the method gate). */
  signInWithTap(token: string, pass: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => signInWithTap(this.kit, loaded, pass, context));
  }

  /** What the person must do in security info before anything else (asked by the change flow once it succeeded). */
  due(user: DirectoryUser): Promise<SecurityInfoDue> {
    return securityInfoDue(this.kit, user);
  }

  /** A register flow at the list for the person a change flow just proved (called inside the change flow's lock). */
  handOver(user: DirectoryUser, locale: string | null, context: RequestContext): Promise<FlowResponse> {
    return handOver(this.kit, user, locale, context);
  }

  begin(token: string, input: BeginRegistrationRequest, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => beginRegistration(this.kit, loaded, input, context));
  }

  /** The proof of the method being added: a code, or a passkey's attestation. */
  confirm(token: string, answer: RegistrationAnswer, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => confirmRegistration(this.kit, loaded, answer, context));
  }

  /** The wizard's poll of a proof decided on another device (called by ResetFlowService inside its lock). */
  pollProof(loaded: LoadedFlow, context: RequestContext): Promise<FlowResponse> {
    return confirmRegistration(this.kit, loaded, { kind: 'poll' }, context);
  }

  remove(token: string, methodId: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) =>
      removeSecurityInfo(this.kit, loaded, methodId, context),
    );
  }

  setDefault(token: string, methodId: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => setDefaultMethod(this.kit, loaded, methodId, context));
  }

  show(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => showSecurityInfo(this.kit, loaded, context));
  }

  finish(token: string, context: RequestContext): Promise<FlowResponse> {
    return this.kit.engine.withFlow(token, context, (loaded) => finishRegistration(this.kit, loaded, context));
  }

  /** getFlow of a register flow (called by ResetFlowService inside its lock). */
  view(loaded: LoadedFlow): Promise<FlowResponse> {
    return registrationResponse(this.kit, loaded.flow, loaded.token);
  }

  /** The registered method was verified (called by ResetFlowService inside its lock): on to the list. */
  async afterGate(flow: FlowRow, token: string): Promise<FlowResponse> {
    const updated = await this.kit.engine.transition(flow, 'manage', { method_id: null });
    return registrationResponse(this.kit, updated, token);
  }
}
