import { randomInt, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import type { MethodOption, SecurityQuestionKey, SecurityQuestionView } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import type { PasswordHasher } from '../../support/password-hash';
import { AppError } from '../../errors/app-error';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { ChallengeMethod, isCheck } from '../challenge-method';
import type { MethodRegistrations } from '../method-registrations';
import { answerProblem, normalizeAnswer } from './security-answer';
import type {
  ChallengeCheck,
  ChallengeView,
  FailedCheck,
  SendChallengeInput,
  VerificationAnswer,
  VerificationFailure,
  VerificationMethod,
} from '../verification-method';

export const QUESTIONS_METHOD_ID = 'questions';

const RegisteredQuestionSchema = z
  .object({
    id: z.string(),
    key: z.enum(SECURITY_QUESTION_KEYS).optional(),
    text: z.string().optional(),
    answerHash: z.string(),
  })
  .strict();
const RegistrationDataSchema = z.object({ questions: z.array(RegisteredQuestionSchema) }).strict();
// `decoy`: the questions a decoy flow pretends are registered (flows/decoy/decoy-profile.ts).
const DecoyQuestionSchema = z.object({ id: z.string(), key: z.enum(SECURITY_QUESTION_KEYS) }).strict();
const ChallengeDataSchema = z
  .object({ asked: z.array(z.string()), decoy: z.array(DecoyQuestionSchema).optional() })
  .strict();
type ChallengeData = z.infer<typeof ChallengeDataSchema>;
type RegisteredQuestion = z.infer<typeof RegisteredQuestionSchema>;

/** What a user registers: a predefined question (by key) or their own, and the answer. */
export type QuestionRegistration =
  | { key: SecurityQuestionKey; answer: string }
  | { text: string; answer: string };

export interface SecurityQuestionsDeps {
  db: ResetDeskDb;
  clock: Clock;
  registrations: MethodRegistrations;
  // scrypt at a cost of its own: answers are checked N at a time on every attempt.
  hasher: PasswordHasher;
  policy: Pick<ResetPolicy, 'questionsToRegister' | 'questionsAsked' | 'maxAnswerAttempts'>;
  // Tests pass a seeded source to make the random pick observable; production uses the CSPRNG.
  randomIndex?: (bound: number) => number;
}

/** Cost of hashing one answer: about 30 ms and 16 MiB (answers are checked several at a time). */
export const ANSWER_SCRYPT_COST = { N: 2 ** 14, r: 8, p: 1 };

/** `count` different items in random order (a partial Fisher-Yates shuffle driven by `randomIndex`). */
export function pickRandom<T>(items: readonly T[], count: number, randomIndex: (bound: number) => number): T[] {
  const pool = [...items];
  const picked: T[] = [];
  while (picked.length < count && pool.length > 0) {
    const [item] = pool.splice(randomIndex(pool.length), 1);
    picked.push(item as T);
  }
  return picked;
}

/**
 * Security questions: the user registered 3-5 (policy); a reset asks N of them, picked at random, and picks again
 * after a wrong set without saying which answer was wrong. Answers are normalised and stored as scrypt hashes; every
 * answer of a set is checked (no early exit), each with a timing-safe comparison.
 */
export class SecurityQuestionsMethod extends ChallengeMethod implements VerificationMethod {
  readonly kind = 'questions' as const;
  readonly answerKind = 'answers' as const;
  readonly capsSends = false;
  private readonly deps: SecurityQuestionsDeps;
  private readonly randomIndex: (bound: number) => number;
  private dummy: Promise<string> | undefined;

  constructor(deps: SecurityQuestionsDeps) {
    super(deps);
    this.deps = deps;
    this.randomIndex = deps.randomIndex ?? ((bound) => randomInt(bound));
  }

  /** Registers (or replaces) the user's questions. Throws INVALID_INPUT naming the rule that is broken. */
  async register(userId: string, entries: readonly QuestionRegistration[]): Promise<void> {
    const { questionsToRegister } = this.deps.policy;
    if (entries.length < questionsToRegister || entries.length > 5) {
      throw new AppError('INVALID_INPUT', `Register from ${questionsToRegister} to 5 security questions.`);
    }
    const normalized = entries.map((entry) => normalizeAnswer(entry.answer));
    if (normalized.some((answer) => answerProblem(answer) !== null)) {
      throw new AppError('INVALID_INPUT', 'Each answer must be 3 to 40 characters long.');
    }
    if (new Set(normalized).size !== normalized.length) {
      throw new AppError('INVALID_INPUT', 'Each answer must be different from the others.');
    }
    const questionIds = entries.map((entry) => ('key' in entry ? entry.key : normalizeAnswer(entry.text)));
    if (new Set(questionIds).size !== questionIds.length) {
      throw new AppError('INVALID_INPUT', 'Each question can be registered once.');
    }
    const questions = await Promise.all(
      entries.map(async (entry, index) => ({
        id: randomUUID().slice(0, 8),
        ...('key' in entry ? { key: entry.key } : { text: entry.text.trim() }),
        answerHash: await this.deps.hasher.hash(normalized[index] ?? ''),
      })),
    );
    await this.deps.registrations.save(userId, 'questions', JSON.stringify({ questions }));
  }

  /** The demo user's questions (demo/demo-users.ts), unless the user registered some already. */
  async seedDemo(user: DirectoryUser, demo: { questions?: readonly QuestionRegistration[] }): Promise<void> {
    const { questions } = demo;
    if (!questions) return;
    await this.deps.registrations.registerOnce(user.id, 'questions', () => this.register(user.id, questions));
  }

  async optionFor(user: DirectoryUser): Promise<MethodOption | null> {
    const questions = await this.registeredQuestions(user.id);
    if (questions.length < this.deps.policy.questionsAsked) return null;
    return { id: QUESTIONS_METHOD_ID, kind: 'questions', maskedTarget: '' };
  }

  decoyOptionFor(_profile: DecoyProfile): MethodOption {
    return { id: QUESTIONS_METHOD_ID, kind: 'questions', maskedTarget: '' };
  }

  async sendChallenge(input: SendChallengeInput): Promise<void> {
    const decoy = input.recipient ? undefined : (input.decoy?.questions ?? []);
    const registered = input.recipient ? await this.registeredQuestions(input.recipient.id) : (decoy ?? []);
    const data: ChallengeData = { asked: this.pick(registered.map((q) => q.id)), ...(decoy ? { decoy } : {}) };
    await this.challenges.replace({
      flowId: input.flowId,
      methodId: input.option.id,
      codeHmac: '',
      expiresAt: input.notAfter,
      maxAttempts: this.deps.policy.maxAnswerAttempts,
      data: JSON.stringify(data),
    });
  }

  /** How many questions the user registered (the decoy survey: decoys "register" as many as real users do). */
  async registeredCount(user: DirectoryUser): Promise<number> {
    return (await this.registeredQuestions(user.id)).length;
  }

  async view(flowId: string, methodId: string): Promise<ChallengeView | null> {
    const row = await this.challenges.latest(flowId, methodId);
    if (!row) return null;
    const data = ChallengeDataSchema.parse(JSON.parse(row.challenge_data ?? '{"asked":[]}'));
    const registered = await this.registeredFor(flowId, data);
    const asked = data.asked;
    const questions: SecurityQuestionView[] = asked.flatMap((id) => {
      const question = registered.find((q) => q.id === id);
      if (!question) return [];
      return [question.key ? { id, key: question.key } : { id, text: question.text ?? '' }];
    });
    return { kind: 'questions', questions, attemptsLeft: Math.max(0, row.max_attempts - row.attempts) };
  }

  async verify(flowId: string, methodId: string, answer: VerificationAnswer): Promise<ChallengeCheck> {
    const row = await this.answerable(flowId, methodId);
    if (isCheck(row)) return row;
    const data = ChallengeDataSchema.parse(JSON.parse(row.challenge_data ?? '{"asked":[]}'));
    const asked = data.asked;
    const registered = await this.registeredFor(flowId, data);
    const given = answer.kind === 'answers' ? answer.answers : [];
    // Every asked question is checked, answered or not, so the time taken says nothing about which one failed.
    const results = await Promise.all(
      asked.map(async (id) => {
        const question = registered.find((q) => q.id === id);
        const typed = normalizeAnswer(given.find((g) => g.questionId === id)?.answer ?? '');
        if (!question) return false;
        // A decoy's questions have no answers, but each costs a hash all the same.
        return this.deps.hasher.verify(question.answerHash ?? (await this.dummyHash()), typed).then((ok) => ok && !data.decoy);
      }),
    );
    if (asked.length > 0 && results.every(Boolean)) return this.passed(row);
    // Ask a fresh random set: the next try must not confirm which of the earlier answers were right.
    const nextAsked = this.pick(registered.map((q) => q.id));
    const next: ChallengeData = { asked: nextAsked, ...(data.decoy ? { decoy: data.decoy } : {}) };
    return this.wrongAnswer(row, JSON.stringify(next));
  }

  /** A wrong set of answers is not "a code": the rest reads as any method's (challenge-method.ts). */
  override failureOf(check: FailedCheck): VerificationFailure {
    if (check.result !== 'invalid') return super.failureOf(check);
    const details = { attemptsLeft: check.attemptsLeft };
    return { code: 'ANSWERS_REJECTED', message: 'The answers were not accepted.', details };
  }

  private pick(ids: readonly string[]): string[] {
    return pickRandom(ids, this.deps.policy.questionsAsked, this.randomIndex);
  }

  /** The flow's user's questions, or a decoy's (no answer hash: nothing can answer them). */
  private async registeredFor(
    flowId: string,
    data: ChallengeData,
  ): Promise<(Omit<RegisteredQuestion, 'answerHash'> & { answerHash?: string })[]> {
    if (data.decoy) return data.decoy;
    const userId = await this.userOfFlow(flowId);
    return userId ? this.registeredQuestions(userId) : [];
  }

  private dummyHash(): Promise<string> {
    // A refused hash (a full pool) must not stay cached: the next call tries again.
    this.dummy ??= this.deps.hasher.hash(randomUUID()).catch((error: unknown) => {
      this.dummy = undefined;
      throw error;
    });
    return this.dummy;
  }

  private async registeredQuestions(userId: string) {
    const row = await this.deps.registrations.find(userId, 'questions');
    if (!row) return [];
    return RegistrationDataSchema.parse(JSON.parse(row.data)).questions;
  }

  private async userOfFlow(flowId: string): Promise<string | null> {
    const flow = await this.deps.db.selectFrom('flows').select('user_id').where('id', '=', flowId).executeTakeFirst();
    return flow?.user_id ?? null;
  }
}
