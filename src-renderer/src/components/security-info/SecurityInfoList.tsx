import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { SecurityInfoItem } from '@resetdesk/shared';
import { useI18n } from '../../i18n/i18n-context';
import { useResetFlowStore } from '../../state/store-context';

const useStyles = makeStyles({
  list: { listStyle: 'none', margin: '0', padding: '0', display: 'flex', flexDirection: 'column', gap: '8px' },
  item: {
    display: 'flex',
    // One line per method (the buttons never wrap under the text): a long detail is cut short instead.
    flexWrap: 'nowrap',
    alignItems: 'center',
    gap: '8px',
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  what: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: '0', overflowWrap: 'anywhere' },
  button: { flexShrink: 0, whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The person's methods, masked: the default marked, and a button for each thing the server lets them do. */
export function SecurityInfoList({ methods }: { methods: readonly SecurityInfoItem[] }) {
  const { t } = useI18n();
  const styles = useStyles();
  const store = useResetFlowStore();
  const words = t.m.securityInfo;
  return (
    <ul className={styles.list} aria-label={words.listLabel} data-security-info-list>
      {methods.map((item) => {
        const kind = words.kind[item.kind];
        const named = `${kind} ${item.maskedTarget}`;
        return (
          <li key={item.id} className={styles.item} data-method-id={item.id}>
            <span className={styles.what}>
              <Text weight="semibold">{kind}</Text>
              <Text>{item.maskedTarget}</Text>
              {item.fromDirectory && <Text className={styles.muted}>{words.fromDirectory}</Text>}
            </span>
            {item.isDefault ? (
              <Text weight="semibold" className={styles.button}>
                {words.default}
              </Text>
            ) : (
              <Button
                type="button"
                appearance="secondary"
                aria-label={t.format(words.makeDefault, { method: named })}
                className={styles.button}
                onClick={() => void store.getState().setDefaultMethod(item.id)}
              >
                {words.makeDefaultShort}
              </Button>
            )}
            {item.removable && (
              <Button
                type="button"
                appearance="secondary"
                aria-label={t.format(words.remove, { method: named })}
                className={styles.button}
                onClick={() => void store.getState().removeSecurityInfo(item.id)}
              >
                {words.removeShort}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
