import { Button, makeStyles } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import { LANGUAGES } from '../i18n/translator';

const useStyles = makeStyles({
  root: { display: 'flex', gap: '4px' },
});

/** Each language is named in itself (and marked with its own lang) so people find theirs whatever is showing now. */
export function LanguageSwitch() {
  const { t, setLanguage } = useI18n();
  const styles = useStyles();
  return (
    <div role="group" aria-label={t.m.language.label} className={styles.root}>
      {LANGUAGES.map((language) => (
        <Button
          key={language}
          type="button"
          size="small"
          appearance={language === t.language ? 'outline' : 'subtle'}
          aria-pressed={language === t.language}
          lang={language}
          onClick={() => setLanguage(language)}
        >
          {t.m.language[language]}
        </Button>
      ))}
    </div>
  );
}
