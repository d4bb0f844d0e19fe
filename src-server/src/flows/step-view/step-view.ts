import type { FlowResponse, FlowStep } from '@resetdesk/shared';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { FlowRow } from '../../store/database-schema';
import { flowExpired } from '../engine/flow-audit';
import { AppError } from '../../errors/app-error';
import { unavailableChannels } from '../engine/channel-filter';
import { availableOptions, methodOf, offeredOptions, requirementsOf } from '../engine/flow-options';
import type { Subject, SubjectDeps } from '../engine/flow-options';
import { passedMethodIds } from '../engine/flow-repository';
import { changePasswordStep, doneOutcomeOf } from './flow-kinds';

export interface StepViewDeps extends SubjectDeps {
  policy: ResetPolicy;
}

// How often the wizard asks whether a call or an approval came through.
const POLL_AFTER_MS = 1000;

/**
 * What the client is shown of a flow: the server decides every next step, the client only renders the step it gets
 * back. Built from the stored state and, for a method's step, the method's own view of its challenge.
 */
export async function respond(
  deps: StepViewDeps,
  loaded: { flow: FlowRow; token: string },
  subject: Subject,
): Promise<FlowResponse> {
  return {
    flowToken: loaded.token,
    flow: {
      flowKind: loaded.flow.kind,
      expiresAt: loaded.flow.expires_at,
      step: await stepOf(deps, loaded.flow, subject),
    },
  };
}

/** A change flow's answer: the same form for every typed name until it is done. */
export function changeResponse(policy: ResetPolicy, flow: FlowRow, token: string): FlowResponse {
  const handover = handoverReason(flow);
  const step: FlowStep = handover
    ? { kind: 'securityInfoRequired', reason: handover }
    : flow.state === 'completed'
      ? { kind: 'done' as const, outcome: 'passwordChanged' as const }
      : changePasswordStep(policy);
  return { flowToken: token, flow: { flowKind: 'change', expiresAt: flow.expires_at, step } };
}

// A completed change flow that still owes the person a register flow keeps why in its method id (used once).
export const HANDOVER_PREFIX = 'security_info:';

/** Why a completed change flow hands over to security info ("More information required"), or null. */
export function handoverReason(flow: FlowRow): 'register' | 'reconfirm' | null {
  if (flow.kind !== 'change' || flow.state !== 'completed') return null;
  const reason = flow.method_id?.startsWith(HANDOVER_PREFIX) ? flow.method_id.slice(HANDOVER_PREFIX.length) : null;
  return reason === 'register' || reason === 'reconfirm' ? reason : null;
}

/** METHODS_UNAVAILABLE: the person's methods all need a channel that is down (`down`: which ones). */
export function methodsUnavailable(down: ReturnType<typeof unavailableChannels>): AppError {
  return new AppError(
    'METHODS_UNAVAILABLE',
    'No verification method can be offered now: their delivery channels are down.',
    down.length > 0 ? { unavailableChannels: down } : undefined,
  );
}

async function stepOf(deps: StepViewDeps, flow: FlowRow, subject: Subject): Promise<FlowStep> {
  switch (flow.state) {
    case 'cancelled':
      throw flowExpired();
    case 'new_password':
      if (subject.kind !== 'user') throw flowExpired();
      return {
        kind: 'newPassword',
        policy: deps.policy.passwordPolicy,
        userNames: [subject.user.username, subject.user.displayName],
      };
    case 'change_password':
      return changePasswordStep(deps.policy);
    case 'completed':
      return { kind: 'done', outcome: doneOutcomeOf(flow.kind) };
    default:
      // Only the verification steps show gates: the directory's groups are not read again for the others.
      return verificationStep(deps, flow, subject);
  }
}

async function verificationStep(deps: StepViewDeps, flow: FlowRow, subject: Subject): Promise<FlowStep> {
  const passed = passedMethodIds(flow);
  const requirements = await requirementsOf(deps, subject);
  const gatesRequired = requirements.gatesRequired;
  const gate = Math.min(passed.length + 1, gatesRequired);
  switch (flow.state) {
    case 'choose_method': {
      const methods = await offeredOptions(deps, subject, passed, requirements);
      const down = unavailableChannels(deps, requirements);
      // Every method left for this gate sends through a channel that is down: nothing to choose from.
      if (methods.length === 0) throw methodsUnavailable(down);
      const lines = down.length > 0 ? { unavailableChannels: down } : {};
      return { kind: 'chooseMethod', gate, gatesRequired, methods, ...lines };
    }
    case 'verify': {
      const option = (await availableOptions(deps, subject, passed, requirements)).find((o) => o.id === flow.method_id);
      if (!option) throw flowExpired();
      const view = await methodOf(deps.methods, option).view(flow.id, option.id);
      const common = { gate, gatesRequired, method: option };
      switch (view?.kind) {
        case 'questions':
          return { kind: 'answerQuestions', ...common, questions: view.questions, attemptsLeft: view.attemptsLeft };
        case 'passkey':
          return {
            kind: 'usePasskey',
            ...common,
            options: view.options,
            expiresAt: view.expiresAt.toISOString(),
          };
        case 'approval':
          return {
            kind: 'awaitApproval',
            ...common,
            expiresAt: view.expiresAt.toISOString(),
            ...(view.number === undefined ? {} : { number: view.number }),
            pollAfterMs: POLL_AFTER_MS,
          };
        default:
          return {
            kind: 'enterCode',
            ...common,
            codeLength: view?.codeLength ?? deps.policy.codeLength,
            codeExpiresAt: (view?.expiresAt ?? new Date(flow.expires_at)).toISOString(),
            attemptsLeft: view?.attemptsLeft ?? 0,
            ...(view?.resendsLeft === undefined ? {} : { resendsLeft: view.resendsLeft }),
          };
      }
    }
    default:
      throw flowExpired();
  }
}
