import type { BeginRegistrationRequest, RegistrationProof } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { MethodRegistrations } from '../method-registrations';
import { RegistrationInputError } from '../method-registrar';
import type { MethodRegistrar, RegisteredItem, RegistrarContext, RegistrationOutcome } from '../method-registrar';
import type { FailedCheck, VerificationFailure } from '../verification-method';
import type { SecurityQuestionRegistration } from './question-registration';
import { QUESTIONS_METHOD_ID } from './security-questions';

// One item for the whole set: the answers are never shown, not even masked.
const ITEM: RegisteredItem = { id: QUESTIONS_METHOD_ID, kind: 'questions', maskedTarget: '', fromDirectory: false };

export interface QuestionsRegistrarDeps {
  registrations: MethodRegistrations;
  registration: SecurityQuestionRegistration;
}

/**
 * Registering security questions: what the person types is the whole registration (no code to prove), so begin
 * checks the rules (answer-rules.ts: every broken one named, for the form to mark) and saves the set at once,
 * normalised and hashed, replacing any earlier set. Listed as one item, removed as one.
 */
export class QuestionsRegistrar implements MethodRegistrar<'questions'> {
  readonly kind = 'questions' as const;

  constructor(private readonly deps: QuestionsRegistrarDeps) {}

  async list(user: DirectoryUser): Promise<RegisteredItem[]> {
    return (await this.deps.registrations.find(user.id, 'questions')) ? [ITEM] : [];
  }

  async begin(
    context: RegistrarContext,
    input: Extract<BeginRegistrationRequest, { kind: 'questions' }>,
  ): Promise<RegisteredItem> {
    try {
      await this.deps.registration.registerAnswers(context.user.id, input.answers, context.locale);
    } catch (error) {
      // The rules' refusal names rules and positions only, never an answer.
      if (error instanceof AppError && error.code === 'SECURITY_ANSWERS_INVALID') {
        throw new RegistrationInputError(error.code, error.message, error.details);
      }
      throw error;
    }
    return ITEM;
  }

  view(_flowId: string): Promise<RegistrationProof | null> {
    return Promise.resolve(null);
  }

  /** Nothing is ever open to confirm: begin saved it already. */
  confirm(): Promise<RegistrationOutcome> {
    return Promise.resolve({ result: 'expired' });
  }

  async remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null> {
    if (itemId !== ITEM.id) return null;
    return (await this.deps.registrations.remove(user.id, 'questions')) ? ITEM : null;
  }

  failureOf(_check: FailedCheck): VerificationFailure {
    return { code: 'FLOW_STEP_MISMATCH', message: 'Security questions have nothing to confirm.' };
  }
}
