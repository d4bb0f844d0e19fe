import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  backdrop: {
    position: 'fixed',
    inset: '0',
    backgroundColor: 'rgba(0, 0, 0, 0.55)',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    zIndex: 1000,
  },
  dialog: {
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    padding: '28px 32px',
    maxWidth: '420px',
    boxShadow: tokens.shadow64,
    display: 'flex',
    flexDirection: 'column',
    gap: '16px',
  },
  seconds: { fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', justifyContent: 'flex-end' },
});

/**
 * The visible countdown before an idle session is wiped. A modal alert dialog: it takes focus (so Enter or Space
 * keeps the session), and screen readers announce it once when it opens, not every second.
 */
export function IdleCountdown({ secondsLeft, onStay }: { secondsLeft: number; onStay: () => void }) {
  const { t } = useI18n();
  const styles = useStyles();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    button.current?.focus();
  }, []);
  return (
    <div className={styles.backdrop}>
      <div
        className={styles.dialog}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="idle-title"
        aria-describedby="idle-text"
        data-idle-countdown={secondsLeft}
      >
        <Text as="h2" id="idle-title" size={500} weight="semibold">
          {t.m.idle.title}
        </Text>
        <Text as="p" id="idle-text" className={styles.seconds}>
          {t.plural(t.m.idle.countdown, secondsLeft)}
        </Text>
        <div className={styles.actions}>
          <Button ref={button} appearance="primary" onClick={onStay}>
            {t.m.idle.stay}
          </Button>
        </div>
      </div>
    </div>
  );
}
