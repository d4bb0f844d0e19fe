import { Text } from '@fluentui/react-components';
import type { DeliveryChannel } from '@resetdesk/shared';
import { useI18n } from '../i18n/i18n-context';
import { useFormStyles } from './form-styles';

/**
 * One line per delivery channel that is down ("Text messages are not available right now"), so a person whose usual
 * method is missing from the chooser knows why. Plain paragraphs in reading order: a screen reader reads them with
 * the screen, and nothing is announced twice.
 */
export function UnavailableChannels({ channels }: { channels: readonly DeliveryChannel[] | undefined }) {
  const { t } = useI18n();
  const styles = useFormStyles();
  if (!channels || channels.length === 0) return null;
  return (
    <div className={styles.stack} data-unavailable-channels>
      {channels.map((channel) => (
        <Text as="p" key={channel} className={styles.text} data-channel-down={channel}>
          {t.m.channelDown[channel]}
        </Text>
      ))}
    </div>
  );
}
