import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import type { ServerVerdictState } from '../state/use-server-verdict';
import { describeFindings } from './PasswordRejection';

const useStyles = makeStyles({
  root: { margin: '0', minHeight: '1.5em' },
  accepted: { color: tokens.colorPaletteGreenForeground1 },
  refused: { color: tokens.colorPaletteRedForeground1 },
  reasons: { margin: '2px 0 0', paddingLeft: '20px' },
});

/** What the server says of the password typed so far, in words, announced politely to screen readers. */
export function ServerVerdict({ id, state }: { id: string; state: ServerVerdictState }) {
  const { t } = useI18n();
  const styles = useStyles();
  let content = null;
  if (state.kind === 'checking') {
    content = <Text size={200}>{t.m.newPassword.verdictChecking}</Text>;
  } else if (state.kind === 'verdict' && state.verdict.ok) {
    content = (
      <Text size={200} className={styles.accepted}>
        {t.m.newPassword.verdictAccepted}
      </Text>
    );
  } else if (state.kind === 'verdict') {
    const { findings } = state.verdict;
    content = (
      <>
        <Text size={200} className={styles.refused}>
          {t.m.newPassword.verdictRefused}
        </Text>
        <ul className={styles.reasons}>
          {state.verdict.reasons.map((reason) => (
            <li key={reason}>
              <Text size={200}>
                {t.m.passwordReasons[reason]}
                {reason === 'BANNED_PASSWORD' && findings && findings.bannedTerms.length > 0
                  ? ` ${describeFindings(t, findings)}`
                  : null}
              </Text>
            </li>
          ))}
        </ul>
      </>
    );
  }
  return (
    <div id={id} className={styles.root} aria-live="polite">
      {content}
    </div>
  );
}
