import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import { LANGUAGES } from '../i18n/translator';
import { useResetFlow } from '../state/store-context';

const useStyles = makeStyles({
  root: { display: 'flex', gap: '4px', alignItems: 'center', flexWrap: 'wrap', justifyContent: 'flex-end' },
  managed: { color: tokens.colorNeutralForeground2 },
});

/** Each language is named in itself (and marked with its own lang) so people find theirs whatever is showing now. */
export function LanguageSwitch() {
  const { t, setLanguage } = useI18n();
  const styles = useStyles();
  // Language set by policy: the choice is shown, marked as the organisation's, and cannot be changed here.
  const managed = useResetFlow((s) => s.appInfo?.managedSettings?.includes('locale') ?? false);
  return (
    <div
      role="group"
      aria-label={t.m.language.label}
      aria-describedby={managed ? 'language-managed' : undefined}
      className={styles.root}
    >
      {managed && (
        <Text id="language-managed" size={200} className={styles.managed} data-managed-setting="locale">
          {t.m.language.managed}
        </Text>
      )}
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          type="button"
          size="small"
          appearance={language === t.language ? 'outline' : 'subtle'}
          aria-pressed={language === t.language}
          disabled={managed && language !== t.language}
          lang={language}
          onClick={() => setLanguage(language)}
        >
          {t.m.language[language]}
        </Button>
      ))}
    </div>
  );
}
