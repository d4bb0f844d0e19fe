import { makeStyles } from '@fluentui/react-components';
import { PasswordRejectionReasonSchema } from '@resetdesk/shared';
import type { ApiError, PasswordFindings } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import type { Translator } from '../i18n/translator';

const useStyles = makeStyles({
  reasons: { margin: '4px 0 0', paddingLeft: '20px' },
});

/** "It contains ‘contoso’ and ‘blank’: 4 of the 5 points needed." */
export function describeFindings(t: Translator, findings: PasswordFindings): string {
  const quoted = findings.bannedTerms.map((term) => t.format(t.m.passwordFindings.quote, { term }));
  return t.format(t.m.passwordFindings.banned, {
    terms: quoted.join(t.m.passwordFindings.and),
    points: findings.points,
    needed: findings.pointsNeeded,
  });
}

/**
 * The server's "password rejected" answer as the new-password field's message: every rule it broke, in the person's
 * language (kept to the reasons this client knows how to say; the schema already guarantees that), and for banned
 * terms what was found and the score, as Entra Password Protection counts it.
 */
export function PasswordRejection({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const styles = useStyles();
  const reasons = (error.details?.reasons ?? []).filter((r) => PasswordRejectionReasonSchema.safeParse(r).success);
  const findings = error.details?.password;
  if (reasons.length === 0) return <>{t.m.errors.PASSWORD_REJECTED.title}</>;
  return (
    <>
      {t.m.newPassword.rejected}
      <ul className={styles.reasons}>
        {reasons.map((reason) => (
          <li key={reason}>
            {t.m.passwordReasons[reason]}
            {reason === 'BANNED_PASSWORD' && findings && findings.bannedTerms.length > 0
              ? ` ${describeFindings(t, findings)}`
              : null}
          </li>
        ))}
      </ul>
    </>
  );
}
