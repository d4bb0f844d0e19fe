import { useEffect, useRef, type ReactNode } from 'react';
import type { ErrorCode } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';
import type { ScreenName } from '../state/reset-flow-store';
import { LanguageSwitch } from './LanguageSwitch';

// Plain elements styled by global.css, not Fluent: the frame is part of the first screen, which must paint without
// Fluent's runtime style engine (the later screens' own content uses Fluent inside it).
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
// Unlock (user ID, verification), change (user ID, passwords) and security info (user ID, password, then its list)
// have no new-password step of their own.
const TOTAL_STEPS_SHORT = 2;

/**
 * The lock-screen style card every screen sits in. It owns what must be identical on every screen: the one h1 (which
 * takes focus when the screen appears, so screen readers announce the new step), the language switch, the document
 * title and the polite live region for "please wait".
 */
export function ScreenFrame({ screen, heading, step, gate, errorCode, children }: ScreenFrameProps) {
  const { t } = useI18n();
  const busy = useResetFlow((s) => s.busy);
  const organizationName = useResetFlow((s) => s.appInfo?.organizationName);
  const flowKind = useResetFlow((s) => s.flow?.flowKind);
  const short = flowKind === 'unlock' || flowKind === 'change' || flowKind === 'register';
  const totalSteps = short ? TOTAL_STEPS_SHORT : TOTAL_STEPS;
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Security info is its own page (as Entra's "Security info"), not the reset wizard: its own title.
  const securityInfo = flowKind === 'register';
  const title = securityInfo ? t.m.app.securityInfoTitle : t.m.app.title;
  const documentTitle = securityInfo ? t.m.app.securityInfoDocumentTitle : t.m.app.documentTitle;

  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  useEffect(() => {
    document.title = t.format(documentTitle, { screen: heading });
  }, [t, heading, documentTitle]);

  return (
    <main className="rd-page" data-screen={screen} data-error-code={errorCode}>
      <div className="rd-card">
        <div className="rd-top-bar">
          <span className="rd-small rd-muted">{organizationName}</span>
          <LanguageSwitch />
        </div>
        <p className="rd-app-title">{title}</p>
        {step !== undefined && (
          <p className="rd-step rd-small rd-muted">
            {t.format(t.m.app.stepIndicator, { step, total: totalSteps })}
            {gate && gate.total > 1 && ` · ${t.format(t.m.app.gateIndicator, { gate: gate.gate, total: gate.total })}`}
          </p>
        )}
        {/* Focus lands here on every screen change (screen readers announce the step); global.css gives it a ring. */}
        <h1 className="rd-heading" ref={headingRef} tabIndex={-1}>
          {heading}
        </h1>
        <div className="rd-body">{children}</div>
        <div role="status" aria-live="polite" className="rd-status">
          {busy && (
            <>
              <span className="rd-spinner" aria-hidden="true" />
              <span>{t.m.app.working}</span>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
