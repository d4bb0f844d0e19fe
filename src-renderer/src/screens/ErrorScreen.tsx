import { Button, Link, Text } from '@fluentui/react-components';
import type { ApiError, ErrorCode } from '@resetdesk/shared';
import { useFormStyles } from '../components/form-styles';
import { HelpRequestButton } from '../components/HelpRequestButton';
import { RetryAfterNotice } from '../components/RetryAfterNotice';
import { safeContactUrl } from '../components/safe-url';
import { ScreenFrame } from '../components/ScreenFrame';
import { UnavailableChannels } from '../components/UnavailableChannels';
import { useI18n } from '../i18n/i18n-context';
import { useResetFlow } from '../state/store-context';

// A busy server, or the rate-limit store briefly out of reach (its text says to try the step again).
const RETRYABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['SERVER_BUSY', 'THROTTLE_UNAVAILABLE']);

export function ErrorScreen({ error }: { error: ApiError }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  const startOver = useResetFlow((s) => s.startOver);
  const retryStep = useResetFlow((s) => s.retryStep);
  const configuredContact = useResetFlow((s) => s.appInfo?.contactAdminUrl);
  const texts = t.m.errors[error.code];
  const contactUrl = safeContactUrl(error.details?.contactUrl) ?? safeContactUrl(configuredContact);
  const retryAfter = error.details?.retryAfterSeconds;
  const correlationId = error.details?.correlationId;
  // Refusals that changed nothing on the server: the same step can simply be sent again, no need to start over.
  const retryable = RETRYABLE.has(error.code);

  return (
    <ScreenFrame screen="error" heading={texts.title} errorCode={error.code}>
      <div role="alert" className={styles.stack}>
        <Text as="p" className={styles.text}>
          {texts.action}
          {retryAfter !== undefined && (
            <>
              {' '}
              <RetryAfterNotice seconds={retryAfter} />
            </>
          )}
        </Text>
        <UnavailableChannels channels={error.details?.unavailableChannels} />
      </div>
      {contactUrl && (
        <Text as="p" className={styles.text}>
          {contactUrl.startsWith('mailto:') ? (
            <Link href={contactUrl} className="rd-link-target">
              {t.m.error.contactAdminEmail}
            </Link>
          ) : (
            <Link href={contactUrl} target="_blank" rel="noopener noreferrer" className="rd-link-target">
              {t.m.error.contactAdminNewWindow}
            </Link>
          )}
        </Text>
      )}
      <HelpRequestButton reason={error.code} />
      {correlationId && (
        <Text as="p" size={200} className={styles.text}>
          {t.format(t.m.error.reference, { id: correlationId })}
        </Text>
      )}
      <div className={styles.actions}>
        {retryable && (
          <Button type="button" appearance="primary" onClick={retryStep}>
            {t.m.error.tryAgain}
          </Button>
        )}
        <Button
          type="button"
          appearance={retryable ? 'secondary' : 'primary'}
          onClick={() => void startOver()}
        >
          {t.m.error.startOver}
        </Button>
      </div>
    </ScreenFrame>
  );
}
