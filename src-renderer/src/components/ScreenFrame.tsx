import { useEffect, useRef, type ReactNode } from 'react';
import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ErrorCode } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';
import type { ScreenName } from '../state/reset-flow-store';
import { LanguageSwitch } from './LanguageSwitch';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: '24px 12px',
    backgroundColor: tokens.colorBrandBackgroundPressed,
  },
  // A plain styled box rather than Fluent's Card: the card here is never interactive, and Card costs bundle size.
  card: {
    width: '100%',
    maxWidth: '480px',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '28px 32px',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusXLarge,
    boxShadow: tokens.shadow28,
  },
  topBar: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px', flexWrap: 'wrap' },
  organization: { color: tokens.colorNeutralForeground2 },
  appTitle: { margin: '0' },
  step: { margin: '0', color: tokens.colorNeutralForeground2 },
  // Focus lands here programmatically on every screen change; it is not a control, so no focus ring.
  heading: { margin: '0', outline: 'none' },
  status: { minHeight: '20px' },
  body: { display: 'flex', flexDirection: 'column', gap: '16px' },
});

export interface ScreenFrameProps {
  screen: ScreenName;
  heading: string;
  /** Position in the three visible steps (user ID, verification, new password); omitted on done and error. */
  step?: number;
  /** With two verification gates, which one this is. */
  gate?: { gate: number; total: number };
  errorCode?: ErrorCode;
  children: ReactNode;
}

export const TOTAL_STEPS = 3;
// Unlock (user ID, verification) and change (user ID, passwords) have no new-password step of their own.
const TOTAL_STEPS_SHORT = 2;

/**
 * The lock-screen style card every screen sits in. It owns what must be identical on every screen: the one h1 (which
 * takes focus when the screen appears, so screen readers announce the new step), the language switch, the document
 * title and the polite live region for "please wait".
 */
export function ScreenFrame({ screen, heading, step, gate, errorCode, children }: ScreenFrameProps) {
  const { t } = useI18n();
  const styles = useStyles();
  const busy = useResetFlow((s) => s.busy);
  const organizationName = useResetFlow((s) => s.appInfo?.organizationName);
  const flowKind = useResetFlow((s) => s.flow?.flowKind);
  const totalSteps = flowKind === 'unlock' || flowKind === 'change' ? TOTAL_STEPS_SHORT : TOTAL_STEPS;
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    document.title = t.format(t.m.app.documentTitle, { screen: heading });
  }, [t, heading]);

  return (
    <main className={styles.page} data-screen={screen} data-error-code={errorCode}>
      <div className={styles.card}>
        <div className={styles.topBar}>
          <Text className={styles.organization} size={200}>
            {organizationName}
          </Text>
          <LanguageSwitch />
        </div>
        <Text as="p" size={500} weight="semibold" className={styles.appTitle}>
          {t.m.app.title}
        </Text>
        {step !== undefined && (
          <Text as="p" size={200} className={styles.step}>
            {t.format(t.m.app.stepIndicator, { step, total: totalSteps })}
            {gate && gate.total > 1 && ` · ${t.format(t.m.app.gateIndicator, { gate: gate.gate, total: gate.total })}`}
          </Text>
        )}
        <Text as="h1" size={400} weight="semibold" className={styles.heading} ref={headingRef} tabIndex={-1}>
          {heading}
        </Text>
        <div className={styles.body}>{children}</div>
        <div role="status" aria-live="polite" className={styles.status}>
          {busy && <Spinner size="tiny" labelPosition="after" label={t.m.app.working} />}
        </div>
      </div>
    </main>
  );
}
