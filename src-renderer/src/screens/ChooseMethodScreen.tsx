import { useState, type FormEvent } from 'react';
import { Field, Radio, RadioGroup, Text } from '@fluentui/react-components';
import type { ChooseMethodStep } from '@resetdesk/shared';
import { FormActions } from '../components/FormActions';
import { useFormStyles } from '../components/form-styles';
import { ScreenFrame } from '../components/ScreenFrame';
import { UnavailableChannels } from '../components/UnavailableChannels';
import { useI18n } from '../i18n/i18n-context';
import { methodDescriptor } from '../methods/registry';
import { useResetFlow } from '../state/store-context';

export function ChooseMethodScreen({ step }: { step: ChooseMethodStep }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const chooseMethod = useResetFlow((s) => s.chooseMethod);
  // The first method is preselected: most people have exactly one, and it saves a keystroke on a lock screen.
  const [selected, setSelected] = useState<string>(step.methods[0]?.id ?? '');
  const selectedMethod = step.methods.find((m) => m.id === selected);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (selectedMethod) void chooseMethod(selectedMethod.id);
  }

  return (
    <ScreenFrame screen="chooseMethod" heading={t.m.chooseMethod.heading} step={2} gate={{ gate: step.gate, total: step.gatesRequired }}>
      <form className={styles.form} onSubmit={submit} noValidate>
        <UnavailableChannels channels={step.unavailableChannels} />
        <Field label={t.m.chooseMethod.label} validationMessage={selectedMethod ? undefined : t.m.chooseMethod.required}>
          <RadioGroup name="method" value={selected} onChange={(_, data) => setSelected(data.value)}>
            {step.methods.map((method) => (
              <Radio key={method.id} value={method.id} label={methodDescriptor(method.kind).choice(t, method).label} />
            ))}
          </RadioGroup>
        </Field>
        {selectedMethod && (
          <Text as="p" className={styles.text}>
            {methodDescriptor(selectedMethod.kind).choice(t, selectedMethod).detail}
          </Text>
        )}
        <FormActions submitLabel={t.m.app.next} showCancel />
      </form>
    </ScreenFrame>
  );
}
