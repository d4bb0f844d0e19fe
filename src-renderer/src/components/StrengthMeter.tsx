import { makeStyles, Text } from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
// Type only: the module itself is loaded with import() below, so it stays out of the first bundle.
import type * as StrengthModuleExports from '../strength/zxcvbn-strength';

type StrengthModule = typeof StrengthModuleExports;

// zxcvbn's cost grows with length; past this the score is "very strong" anyway.
const MAX_SCORED_LENGTH = 100;

const useStyles = makeStyles({
  root: { display: 'flex', alignItems: 'center', gap: '8px' },
  meter: { flexGrow: 1, height: '8px' },
});

/**
 * zxcvbn's estimate of how guessable the password is, as a meter with its level in words. The library and its
 * dictionaries load on first use of this screen (a dynamic import: its own chunk); until then nothing is shown.
 * It advises only: the server's verdict decides.
 */
export function StrengthMeter({ password, userNames }: { password: string; userNames: readonly string[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  const [strength, setStrength] = useState<StrengthModule | null>(null);

  useEffect(() => {
    let live = true;
    import('../strength/zxcvbn-strength').then(
      (loaded) => {
        if (live) setStrength(loaded);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const score = useMemo(
    () => (strength && password !== '' ? strength.strengthScore(password.slice(0, MAX_SCORED_LENGTH), userNames) : null),
    [strength, password, userNames],
  );
  if (score === null) return null;
  const level = t.m.strength.levels[`s${score}` as keyof typeof t.m.strength.levels];
  return (
    <div className={styles.root}>
      <meter className={styles.meter} min={0} max={4} low={2} high={3} optimum={4} value={score} aria-label={t.m.strength.label} aria-valuetext={level} />
      <Text size={200}>{t.format(t.m.strength.text, { level })}</Text>
    </div>
  );
}
