import { type FormEvent, type ReactNode, type Ref } from 'react';
import { Button, Text } from '@fluentui/react-components';
import { useFormStyles } from '../form-styles';
import { useI18n } from '../../i18n/i18n-context';

interface AddMethodFormProps {
  // The heading's id (the form is labelled by it) and its text.
  id: string;
  heading: string;
  onSubmit(event: FormEvent): void;
  // The primary button; none when the method cannot be added here (a passkey in the desktop app).
  submitLabel?: string;
  onBack(): void;
  children: ReactNode;
  formRef?: Ref<HTMLFormElement>;
  // For a form without a field: the focus goes to its heading, or to its own button, once it opens.
  headingRef?: Ref<HTMLHeadingElement>;
  submitRef?: Ref<HTMLButtonElement>;
  data?: Record<`data-${string}`, string | boolean>;
}

/**
 * The frame of every "Add ..." form on the security-info list: a heading that labels the form, the method's own
 * fields, then its primary button beside "Back" (to the list). A new method's form is its fields only.
 */
export function AddMethodForm(props: AddMethodFormProps) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const { id, heading, onSubmit, submitLabel, onBack, children, formRef, headingRef, submitRef, data } = props;
  return (
    <form ref={formRef} className={styles.form} onSubmit={onSubmit} noValidate aria-labelledby={id} {...data}>
      <Text
        as="h2"
        id={id}
        size={400}
        weight="semibold"
        className={styles.text}
        {...(headingRef ? { ref: headingRef, tabIndex: -1 } : {})}
      >
        {heading}
      </Text>
      {children}
      <div className={styles.actions}>
        {submitLabel !== undefined && (
          <Button type="submit" appearance="primary" ref={submitRef}>
            {submitLabel}
          </Button>
        )}
        <Button type="button" onClick={onBack}>
          {t.m.securityInfo.back}
        </Button>
      </div>
    </form>
  );
}
