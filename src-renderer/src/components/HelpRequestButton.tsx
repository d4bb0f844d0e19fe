import { useEffect, useRef, useState } from 'react';
import { Button, Text } from '@fluentui/react-components';
import type { ErrorCode } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

/** The error screens after which a person would call the helpdesk: the wizard can send that request for them. */
export const HELP_REQUEST_CODES: ReadonlySet<ErrorCode> = new Set([
  'ACCOUNT_NOT_ENABLED',
  'ACCOUNT_NOT_VERIFIABLE',
  'METHODS_UNAVAILABLE',
  'CONTACT_ADMIN',
  'RATE_LIMITED',
  'TOO_MANY_RESETS',
  'DEVICE_NOT_ALLOWED',
]);

/** "Ask the helpdesk to contact me": sends the user ID and the error code (never anything secret) through the server. */
export function HelpRequestButton({ reason }: { reason: ErrorCode }) {
  const { t } = useI18n();
  const requestHelp = useResetFlow((s) => s.requestHelp);
  const username = useResetFlow((s) => s.username);
  const [state, setState] = useState<'idle' | 'sending' | 'sent' | 'failed'>('idle');
  const confirmation = useRef<HTMLParagraphElement>(null);
  // The button disappears once the request is sent: focus goes to the confirmation, never to the page.
  useEffect(() => {
    if (state === 'sent') confirmation.current?.focus();
  }, [state]);
  if (!HELP_REQUEST_CODES.has(reason) || username === null) return null;

  async function send() {
    setState('sending');
    setState((await requestHelp(reason)) ? 'sent' : 'failed');
  }

  return (
    <>
      {state !== 'sent' && (
        <div>
          <Button type="button" disabledFocusable={state === 'sending'} onClick={() => void send()}>
            {t.m.help.ask}
          </Button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {state === 'sent' && (
          <Text as="p" ref={confirmation} tabIndex={-1} className="rd-focus-target" data-help-confirmation>
            {t.m.help.sent}
          </Text>
        )}
        {state === 'failed' && <Text as="p">{t.m.help.failed}</Text>}
      </div>
    </>
  );
}
