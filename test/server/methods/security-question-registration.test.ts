import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import { AppError } from '../../../src-server/src/errors/app-error';
import { answerRuleBreaches } from '../../../src-server/src/methods/security-questions/answer-rules';
import type { AnswerPick } from '../../../src-server/src/methods/security-questions/answer-rules';
import { EN_QUESTIONS } from '../../../src-server/src/methods/security-questions/catalogue/en';
import { NL_QUESTIONS } from '../../../src-server/src/methods/security-questions/catalogue/nl';
import {
  questionCatalogue,
  questionTextsOf,
} from '../../../src-server/src/methods/security-questions/question-catalogue';
import { SecurityQuestionRegistration } from '../../../src-server/src/methods/security-questions/question-registration';
import { resetPolicy } from '../../../src-server/src/policy/reset-policy';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// The registration side of security questions: the catalogue (built-in per language and the organisation's own),
// the answer rules as a pure function, and registerAnswers storing through the real method and store (PostgreSQL
// with RESETDESK_TEST_STORE=postgres), then answering a reset with what was registered.

const BADGE_NL = 'Welke kleur had je eerste badge?';
const ORG = [{ id: 'org-badge-colour', text: { en: 'What colour was your first office badge?', nl: BADGE_NL } }];
const rules = (picks: AnswerPick[], questionsToRegister = 3) =>
  answerRuleBreaches(picks, { questionsToRegister, questionTexts: (id) => questionTextsOf(id, ORG) });

describe('the question catalogue', () => {
  it('has at least 20 built-in questions per language, stable unique ids, the wizard\'s own words', () => {
    expect(SECURITY_QUESTION_KEYS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(SECURITY_QUESTION_KEYS).size).toBe(SECURITY_QUESTION_KEYS.length);
    for (const locale of ['en', 'nl-NL']) {
      const builtIn = questionCatalogue(locale, []).filter((q) => q.source === 'builtIn');
      expect(builtIn.length).toBeGreaterThanOrEqual(20);
      expect(new Set(builtIn.map((q) => q.text)).size).toBe(builtIn.length);
    }
    for (const [language, server] of [['en', EN_QUESTIONS], ['nl', NL_QUESTIONS]] as const) {
      const wizard = JSON.parse(readFileSync(`src-renderer/src/i18n/languages/${language}.json`, 'utf8')) as {
        questions: { keys: Record<string, string> };
      };
      expect(wizard.questions.keys).toEqual(server);
    }
  });

  it('adds the organisation\'s questions in the reader\'s language, English where it has no other', () => {
    const desk = { id: 'org-desk', text: { en: 'Which floor was your first desk on?' } };
    const policy = resetPolicy({ organizationQuestions: [desk, ...ORG] });
    expect(questionCatalogue('nl', policy.organizationQuestions).slice(-2)).toEqual([
      { id: 'org-desk', text: 'Which floor was your first desk on?', source: 'organization' },
      { id: 'org-badge-colour', text: BADGE_NL, source: 'organization' },
    ]);
    expect(questionCatalogue('fr', []).find((q) => q.id === 'firstPetName')?.text).toBe(EN_QUESTIONS.firstPetName);
    expect(() => resetPolicy({ organizationQuestions: [{ id: 'firstPetName', text: { en: 'Mine?' } }] })).toThrow();
  });
});

describe('the answer rules', () => {
  const good: AnswerPick[] = [
    { questionId: 'firstPetName', answer: 'Biscuit' },
    { questionId: 'firstSchoolCity', answer: 'Den Haag' },
    { questionId: 'org-badge-colour', answer: 'Groen' },
  ];

  it('accepts a good set and names every broken rule with its pick', () => {
    expect(rules(good)).toEqual([]);
    expect(rules(good.slice(0, 2))).toEqual([{ rule: 'WRONG_NUMBER_OF_QUESTIONS' }]);
    expect(rules(good, 4)).toEqual([{ rule: 'WRONG_NUMBER_OF_QUESTIONS' }]);
    expect(rules([...good.slice(0, 2), { questionId: 'nonsense', answer: 'Whatever' }])).toEqual([
      { rule: 'QUESTION_UNKNOWN', index: 2 },
    ]);
    expect(rules([...good.slice(0, 2), { questionId: 'firstPetName', answer: 'Rex the dog' }])).toEqual([
      { rule: 'QUESTION_REPEATED', index: 2 },
    ]);
    expect(rules([{ questionId: 'firstPetName', answer: ' ab ' }, ...good.slice(1)])).toEqual([
      { rule: 'ANSWER_TOO_SHORT', index: 0 },
    ]);
    expect(rules([{ questionId: 'firstPetName', answer: 'x'.repeat(41) }, ...good.slice(1)])).toEqual([
      { rule: 'ANSWER_TOO_LONG', index: 0 },
    ]);
  });

  it('finds answers alike after normalisation (case, spaces, Unicode forms)', () => {
    const alike = [good[0], good[1], { questionId: 'childhoodHero', answer: '  ＤＥＮ   haag ' }] as AnswerPick[];
    expect(rules(alike)).toEqual([{ rule: 'ANSWERS_ALIKE', index: 2 }]);
  });

  it('refuses an answer holding a word of its own question, in either language; short words do not count', () => {
    const school = [good[0], { questionId: 'firstSchoolCity', answer: 'Primary School 12' }, good[2]] as AnswerPick[];
    expect(rules(school)).toEqual([{ rule: 'ANSWER_CONTAINS_QUESTION', index: 1 }]);
    const dutch = [good[0], { questionId: 'firstSchoolCity', answer: 'de basisschool' }, good[2]] as AnswerPick[];
    expect(rules(dutch)).toEqual([{ rule: 'ANSWER_CONTAINS_QUESTION', index: 1 }]);
    const badge = [good[0], good[1], { questionId: 'org-badge-colour', answer: 'badge blue' }] as AnswerPick[];
    expect(rules(badge)).toEqual([{ rule: 'ANSWER_CONTAINS_QUESTION', index: 2 }]);
    // "de" and "van" are in the Dutch question; they may be in an answer.
    const pluk = { questionId: 'favouriteChildhoodBook', answer: 'Pluk van de Petteflet' };
    const book = [good[0], good[1], pluk] as AnswerPick[];
    expect(rules(book)).toEqual([]);
  });

  it('reports every breach of a set at once', () => {
    const bad = [
      { questionId: 'firstPetName', answer: 'my pet' },
      { questionId: 'firstPetName', answer: 'ab' },
    ];
    expect(rules(bad)).toEqual([
      { rule: 'WRONG_NUMBER_OF_QUESTIONS' },
      { rule: 'QUESTION_REPEATED', index: 1 },
      { rule: 'ANSWER_TOO_SHORT', index: 1 },
    ]);
  });
});

describe('registerAnswers', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;

  afterEach(async () => {
    await server.close();
    temp.remove();
  });

  async function start(): Promise<SecurityQuestionRegistration> {
    temp = makeTempDir();
    const file = join(temp.dir, 'policy.json');
    const policy = { captcha: { mode: 'off' as const }, methods: ['questions' as const], organizationQuestions: ORG };
    writeFileSync(file, JSON.stringify(policy));
    server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
    const { methods } = server.runtime;
    return new SecurityQuestionRegistration({ questions: methods.questions, policy: resetPolicy(policy) });
  }

  it('refuses a set that breaks a rule with SECURITY_ANSWERS_INVALID and stores nothing', async () => {
    const registration = await start();
    const user = await server.runtime.directory.findUser('bianca');
    const picks = [
      { questionId: 'firstPetName', answer: 'Biscuit' },
      { questionId: 'firstCarModel', answer: 'biscuit' },
      { questionId: 'childhoodHero', answer: 'Zorro' },
    ];
    const error = await registration.registerAnswers(user?.id ?? '', picks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'SECURITY_ANSWERS_INVALID',
      details: { answerRules: [{ rule: 'ANSWERS_ALIKE', index: 1 }] },
    });
    expect(await server.runtime.methods.registrations.find(user?.id ?? '', 'questions')).toBeUndefined();
  });

  it('stores normalised, hashed answers that then answer a reset', async () => {
    const registration = await start();
    const user = await server.runtime.directory.findUser('bianca');
    if (!user) throw new Error('no bianca');
    const answers: Record<string, string> = {
      firstPetName: 'Biscuit',
      childhoodHero: 'Zorro',
      'org-badge-colour': 'Groen',
    };
    const picks = Object.entries(answers).map(([questionId, answer]) => ({ questionId, answer }));
    await registration.registerAnswers(user.id, picks, 'nl');
    const row = await server.runtime.methods.registrations.find(user.id, 'questions');
    for (const answer of Object.values(answers)) {
      expect(row?.data).not.toContain(answer);
      expect(row?.data).not.toContain(answer.toLowerCase());
    }
    const ctx = { ip: '192.0.2.77' };
    const started = await server.runtime.flows.start({ kind: 'reset', username: 'bianca' }, ctx);
    const asked = await server.runtime.flows.chooseMethod(started.flowToken, 'questions', ctx);
    if (asked.flow.step.kind !== 'answerQuestions') throw new Error(asked.flow.step.kind);
    const byView = (q: { key?: string; text?: string }) =>
      q.key ? answers[q.key] : q.text === BADGE_NL ? ' GROEN ' : undefined;
    const given = asked.flow.step.questions.map((q) => ({ questionId: q.id, answer: byView(q) ?? '' }));
    const passed = await server.runtime.flows.answerQuestions(asked.flowToken, given, ctx);
    expect(passed.flow.step.kind).toBe('newPassword');
  });
});
