import { makeStyles } from '@fluentui/react-components';
import { PasswordRejectionReasonSchema } from '@resetdesk/shared';
import type { ApiError } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  reasons: { margin: '4px 0 0', paddingLeft: '20px' },
});

/**
 * The server's "password rejected" answer as the new-password field's message: every rule it broke, in the person's
 * language (kept to the reasons this client knows how to say; the schema already guarantees that).
 */
export function PasswordRejection({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const styles = useStyles();
  const reasons = (error.details?.reasons ?? []).filter((r) => PasswordRejectionReasonSchema.safeParse(r).success);
  if (reasons.length === 0) return <>{t.m.errors.PASSWORD_REJECTED.title}</>;
  return (
    <>
      {t.m.newPassword.rejected}
      <ul className={styles.reasons}>
        {reasons.map((reason) => (
          <li key={reason}>{t.m.passwordReasons[reason]}</li>
        ))}
      </ul>
    </>
  );
}
