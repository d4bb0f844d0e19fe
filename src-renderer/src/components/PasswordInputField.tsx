import type { Ref } from 'react';
import { Field, Input } from '@fluentui/react-components';
import type { FieldProps } from '@fluentui/react-components';

interface PasswordInputFieldProps {
  // Also the input's name, so password managers and the tests find it the same way.
  id: string;
  label: string;
  message: FieldProps['validationMessage'];
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password' | 'one-time-code';
  describedBy?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled, required password box whose problems are announced with it (Fluent Field's validation message). */
export function PasswordInputField({
  id,
  label,
  message,
  value,
  onChange,
  autoComplete,
  describedBy,
  ref,
}: PasswordInputFieldProps) {
  return (
    <Field label={{ children: label, htmlFor: id }} validationMessage={message} required>
      <Input
        id={id}
        name={id}
        type="password"
        ref={ref}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        autoComplete={autoComplete}
        {...(describedBy ? { 'aria-describedby': describedBy } : {})}
      />
    </Field>
  );
}
