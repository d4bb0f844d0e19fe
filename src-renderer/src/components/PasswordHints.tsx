import { makeStyles, mergeClasses, Text, tokens } from '@fluentui/react-components';
import { requiredCharacterClasses } from '@resetdesk/shared';
import type { RuleCheck, PasswordPolicy } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import type { Translator } from '../i18n/translator';
import { useVisuallyHiddenStyles } from './visually-hidden';

const useStyles = makeStyles({
  intro: { margin: '0' },
  list: { listStyleType: 'none', margin: '4px 0 0', padding: '0', display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', gap: '6px', alignItems: 'baseline' },
  symbol: { width: '1em', flexShrink: 0, fontWeight: tokens.fontWeightSemibold },
  met: { color: tokens.colorPaletteGreenForeground1 },
  unmet: { color: tokens.colorNeutralForeground2 },
});

// Limits nobody reaches by accident are only worth a line once they are broken.
const SHOWN_ONLY_WHEN_UNMET: ReadonlySet<RuleCheck['rule']> = new Set(['maxLength', 'validCharacters']);

function ruleText(t: Translator, check: RuleCheck, policy: PasswordPolicy): string {
  const rules = t.m.passwordRules;
  switch (check.rule) {
    case 'minLength':
      return t.plural(rules.minLength, policy.minLength);
    case 'maxLength':
      return t.plural(rules.maxLength, policy.maxLength);
    case 'characterClasses':
      return t.plural(rules.characterClasses, requiredCharacterClasses(policy));
    case 'noUserName':
      return rules.noUserName;
    case 'validCharacters':
      return rules.validCharacters;
  }
}

export interface PasswordHintsProps {
  id: string;
  checks: readonly RuleCheck[];
  policy: PasswordPolicy;
}

/** The live rule list under the new password: each line says met or not in words (for screen readers) and shape. */
export function PasswordHints({ id, checks, policy }: PasswordHintsProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const hidden = useVisuallyHiddenStyles();
  const shown = checks.filter(
    (c) => !(SHOWN_ONLY_WHEN_UNMET.has(c.rule) && c.met) && !(c.rule === 'characterClasses' && requiredCharacterClasses(policy) === 0),
  );
  return (
    <div id={id} aria-live="polite">
      <Text as="p" size={200} id={`${id}-label`} className={styles.intro}>
        {t.m.newPassword.requirements}
      </Text>
      <ul className={styles.list} aria-labelledby={`${id}-label`}>
        {shown.map((check) => (
          <li key={check.rule} className={mergeClasses(styles.item, check.met ? styles.met : styles.unmet)}>
            <span aria-hidden="true" className={styles.symbol}>
              {check.met ? '✓' : '○'}
            </span>
            <Text size={200} className={check.met ? styles.met : styles.unmet}>
              <span className={hidden.root}>{check.met ? t.m.newPassword.hintMet : t.m.newPassword.hintUnmet} </span>
              {ruleText(t, check, policy)}
            </Text>
          </li>
        ))}
      </ul>
    </div>
  );
}
