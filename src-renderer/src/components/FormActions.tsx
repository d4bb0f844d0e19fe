import { Button } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';
import { useFormStyles } from './form-styles';

/** The submit button of a step (none on screens that only wait) and, once a flow exists, "Cancel" (which cancels it on the server and starts over). */
export function FormActions({ submitLabel, showCancel }: { submitLabel?: string; showCancel: boolean }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const busy = useResetFlow((s) => s.busy);
  const startOver = useResetFlow((s) => s.startOver);
  return (
    <div className={styles.actions}>
      {/* disabledFocusable instead of disabled: focus must not be thrown away while the call runs */}
      {submitLabel !== undefined && (
        <Button type="submit" appearance="primary" disabledFocusable={busy}>
          {submitLabel}
        </Button>
      )}
      {showCancel && (
        <Button type="button" onClick={() => void startOver()}>
          {t.m.app.cancel}
        </Button>
      )}
    </div>
  );
}
