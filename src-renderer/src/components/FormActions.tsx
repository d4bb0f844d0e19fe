import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

/**
 * The submit button of a step (none on screens that only wait) and, once a flow exists, "Cancel" (which cancels it on
 * the server and starts over). Plain buttons styled by global.css, as they are on the first screen.
 */
export function FormActions({
  submitLabel,
  showCancel,
  back,
}: {
  submitLabel?: string;
  showCancel: boolean;
  // A step that can go back within the flow (to the security-info list): beside the submit button, not on its own row.
  back?: { label: string; onClick: () => void };
}) {
  const { t } = useI18n();
  const busy = useResetFlow((s) => s.busy);
  const startOver = useResetFlow((s) => s.startOver);
  return (
    <div className="rd-actions">
      {/* aria-disabled instead of disabled: focus must not be thrown away while the call runs (the store ignores a
          second submit while busy) */}
      {submitLabel !== undefined && (
        <button type="submit" className="rd-button rd-button-primary" aria-disabled={busy || undefined}>
          {submitLabel}
        </button>
      )}
      {back && (
        <button type="button" className="rd-button" onClick={back.onClick}>
          {back.label}
        </button>
      )}
      {showCancel && (
        <button type="button" className="rd-button" onClick={() => void startOver()}>
          {t.m.app.cancel}
        </button>
      )}
    </div>
  );
}
