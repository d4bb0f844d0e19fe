import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field, Input, Select, Text } from '@fluentui/react-components';
import { SECURITY_QUESTION_KEYS } from '@resetdesk/shared';
import type { AnswerRuleBreach, ManageSecurityInfoStep } from '@resetdesk/shared';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';
import type { Translator } from '../../i18n/translator';
import { useResetFlow, useResetFlowStore } from '../../state/store-context';
import { AddMethodForm } from './AddMethodForm';
import { serverProblem } from './server-problem';

type Choices = NonNullable<ManageSecurityInfoStep['questions']>;
interface Pick {
  questionId: string;
  answer: string;
}

// Rules about the question picked are shown at its picker; the others at its answer.
const QUESTION_RULES: ReadonlySet<AnswerRuleBreach['rule']> = new Set(['QUESTION_UNKNOWN', 'QUESTION_REPEATED']);

/**
 * The policy's number of questions, each picked from the built-in set (worded here from its key) and the
 * organisation's own, with an answer. The server checks the rules and saves the set at once; each rule it names is
 * shown at the picker or answer it concerns.
 */
export function AddQuestionsForm({ choices, onBack }: { choices: Choices; onBack: () => void }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const store = useResetFlowStore();
  const stepError = useResetFlow((s) => s.stepError);
  const [picks, setPicks] = useState<Pick[]>(() => Array.from({ length: choices.count }, () => emptyPick()));
  const [checked, setChecked] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const words = t.m.securityInfo.questionsForm;
  useEffect(() => first.current?.focus(), []);

  function change(index: number, part: Partial<Pick>) {
    setPicks((current) => current.map((pick, i) => (i === index ? { ...pick, ...part } : pick)));
  }

  function focusFirstInvalid() {
    requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    store.setState({ stepError: null });
    if (picks.some((p) => p.questionId === '' || p.answer.trim() === '')) {
      focusFirstInvalid();
      return;
    }
    void store
      .getState()
      .beginRegistration({ kind: 'questions', answers: picks })
      .then(() => {
        if (store.getState().stepError) focusFirstInvalid();
      });
  }

  const breaches = stepError?.code === 'SECURITY_ANSWERS_INVALID' ? (stepError.details?.answerRules ?? []) : [];
  const ruleText = (breach: AnswerRuleBreach | undefined) =>
    breach ? t.format(words.rules[breach.rule], { count: choices.count }) : undefined;
  const setProblem = breaches.find((b) => b.index === undefined);
  const summary = stepError ? (ruleText(setProblem) ?? serverProblem(t, stepError)) : undefined;
  return (
    <AddMethodForm
      id="add-questions-heading"
      heading={words.heading}
      formRef={form}
      onSubmit={submit}
      submitLabel={words.save}
      onBack={onBack}
    >
      <Text as="p" className={styles.text}>
        {t.format(words.intro, { count: choices.count })}
      </Text>
      <div role="alert">{summary && <Text as="p">{summary}</Text>}</div>
      {picks.map((pick, index) => {
        const mine = breaches.filter((b) => b.index === index);
        const questionRule = ruleText(mine.find((b) => QUESTION_RULES.has(b.rule)));
        const answerRule = ruleText(mine.find((b) => !QUESTION_RULES.has(b.rule)));
        const questionMessage = checked && pick.questionId === '' ? words.questionRequired : questionRule;
        const answerMessage = checked && pick.answer.trim() === '' ? words.answerRequired : answerRule;
        const number = index + 1;
        return (
          // minWidth 0 down the chain: a grid or flex item is otherwise as wide as its longest option.
          <div key={index} className={styles.form} style={{ minWidth: 0 }}>
            <Field
              label={{ children: t.format(words.questionLabel, { number }), htmlFor: `question-${number}` }}
              validationMessage={questionMessage}
              required
              style={{ minWidth: 0 }}
            >
              <Select
                id={`question-${number}`}
                ref={index === 0 ? first : undefined}
                // A long question must not make the picker wider than the form: it wraps in the list instead.
                root={{ style: { width: '100%', maxWidth: '100%', minWidth: 0 } }}
                style={{ width: '100%', maxWidth: '100%', minWidth: 0 }}
                value={pick.questionId}
                onChange={(_, data) => change(index, { questionId: data.value })}
              >
                {questionOptions(t, choices, words.choose)}
              </Select>
            </Field>
            <Field
              label={{ children: t.format(words.answerLabel, { number }), htmlFor: `answer-${number}` }}
              hint={index === 0 ? words.answerHint : undefined}
              validationMessage={answerMessage}
              required
            >
              <Input
                id={`answer-${number}`}
                name={`answer-${number}`}
                value={pick.answer}
                onChange={(_, data) => change(index, { answer: data.value })}
                autoComplete="off"
                spellCheck={false}
              />
            </Field>
          </div>
        );
      })}
    </AddMethodForm>
  );
}

function emptyPick(): Pick {
  return { questionId: '', answer: '' };
}

/** "Choose a question", the built-in ones in the reader's language, then the organisation's own. */
function questionOptions(t: Translator, choices: Choices, choose: string) {
  const words = t.m.securityInfo.questionsForm;
  return (
    <>
      <option value="">{choose}</option>
      <optgroup label={words.builtIn}>
        {SECURITY_QUESTION_KEYS.map((key) => (
          <option key={key} value={key}>
            {t.m.questions.keys[key]}
          </option>
        ))}
      </optgroup>
      {choices.organization.length > 0 && (
        <optgroup label={words.organization}>
          {choices.organization.map((q) => (
            <option key={q.id} value={q.id}>
              {q.text}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}
