import { useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { FieldProps } from '@fluentui/react-components';
import { evaluatePassword, type PasswordPolicy } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlowStore } from '../state/store-context';
import { PasswordHints } from './PasswordHints';
import { PasswordInputField } from './PasswordInputField';

type PasswordEvaluation = ReturnType<typeof evaluatePassword>;
type ClientProblem = 'notValid' | 'confirmRequired' | 'mismatch';

/** The problem found at the last submit, while it still holds for what is typed now. */
function currentProblem(found: ClientProblem | null, valid: boolean, password: string, confirm: string): ClientProblem | null {
  if (found === 'notValid') return valid ? null : 'notValid';
  if (found === null) return null;
  if (confirm === '') return 'confirmRequired';
  return confirm !== password ? 'mismatch' : null;
}

export interface NewPasswordForm {
  readonly password: string;
  readonly confirm: string;
  readonly evaluation: PasswordEvaluation;
  /** The client-side problem to show now: found at the last submit, gone once it no longer applies. */
  readonly problem: ClientProblem | null;
  editPassword(value: string): void;
  setConfirm(value: string): void;
  /** On submit: true when the new password passes the rules and is confirmed, else shows and focuses the problem. */
  validate(): boolean;
  /** Forgets the last submit's problem (another field's problem is shown instead). */
  clearProblem(): void;
}

/** The two boxes, apart from the state: refs are for focusing from event handlers, never read while rendering. */
export interface NewPasswordInputs {
  readonly password: RefObject<HTMLInputElement | null>;
  readonly confirm: RefObject<HTMLInputElement | null>;
}

/**
 * The state of a new password and its confirmation, checked by the shared rules as the person types; spread the result
 * into <NewPasswordFields>.
 */
export function useNewPasswordForm(
  policy: PasswordPolicy,
  userNames: readonly string[],
): { form: NewPasswordForm; inputs: NewPasswordInputs; policy: PasswordPolicy } {
  const store = useResetFlowStore();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [found, setFound] = useState<ClientProblem | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const evaluation = useMemo(() => evaluatePassword(password, policy, userNames), [password, policy, userNames]);
  const form: NewPasswordForm = {
    password,
    confirm,
    evaluation,
    problem: currentProblem(found, evaluation.ok, password, confirm),
    editPassword(value) {
      setPassword(value);
      store.getState().newPasswordEdited();
    },
    setConfirm,
    validate() {
      const problem: ClientProblem | null = !evaluation.ok
        ? 'notValid'
        : confirm === ''
          ? 'confirmRequired'
          : confirm !== password
            ? 'mismatch'
            : null;
      setFound(problem);
      if (problem) (problem === 'notValid' ? passwordRef : confirmRef).current?.focus();
      return problem === null;
    },
    clearProblem: () => setFound(null),
  };
  return { form, inputs: { password: passwordRef, confirm: confirmRef }, policy };
}

interface NewPasswordFieldsProps {
  form: NewPasswordForm;
  inputs: NewPasswordInputs;
  policy: PasswordPolicy;
  /** Prefix of the hints' id, so each screen's ids stay its own. */
  idPrefix: string;
  labels: { newLabel: string; confirmLabel: string };
  /** The server's objection to the new password, shown when the rules on this side pass. */
  serverMessage: FieldProps['validationMessage'];
  /** Shown between the rules and the confirmation (strength, the server's verdict as one types). */
  afterHints?: ReactNode;
  /** Ids of what `afterHints` says about the new password. */
  describedBy?: readonly string[];
}

/** The new password, the rules it must meet, and its confirmation: the shared part of the reset and change screens. */
export function NewPasswordFields(props: NewPasswordFieldsProps) {
  const { form, inputs, policy, idPrefix, labels, serverMessage, afterHints, describedBy = [] } = props;
  const { password: passwordInput, confirm: confirmInput } = inputs;
  const { t } = useI18n();
  const hintsId = `${idPrefix}-hints`;
  const { problem } = form;
  return (
    <>
      <PasswordInputField
        id="new-password"
        label={labels.newLabel}
        message={problem === 'notValid' ? t.m.newPassword.notValid : serverMessage}
        value={form.password}
        onChange={form.editPassword}
        autoComplete="new-password"
        describedBy={[hintsId, ...describedBy].join(' ')}
        ref={passwordInput}
      />
      <PasswordHints id={hintsId} checks={form.evaluation.checks} policy={policy} />
      {afterHints}
      <PasswordInputField
        id="confirm-password"
        label={labels.confirmLabel}
        message={problem === 'confirmRequired' || problem === 'mismatch' ? t.m.newPassword[problem] : undefined}
        value={form.confirm}
        onChange={form.setConfirm}
        autoComplete="new-password"
        ref={confirmInput}
      />
    </>
  );
}
