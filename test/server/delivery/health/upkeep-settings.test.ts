import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../../src-server/src/config/config-error';
import { deliveryUpkeepSettings } from '../../../../src-server/src/delivery/delivery-settings';
import { useDeliverySettingsFile } from '../../support/delivery-settings-file';

// The health check's interval and the outbox's retention: defaults without a delivery file, and a bad value stops the
// server before it listens, naming the setting.
const { loadWith } = useDeliverySettingsFile();

describe('channel health and outbox settings', () => {
  it('checks every minute and keeps failed rows 30 days by default, or as set', () => {
    expect(deliveryUpkeepSettings(undefined)).toEqual({
      health: { intervalSeconds: 60 },
      outbox: { failedRetentionDays: 30 },
    });
    const config = loadWith({ health: { intervalSeconds: 15 }, outbox: { failedRetentionDays: 7 } });
    expect(deliveryUpkeepSettings(config.delivery)).toEqual({
      health: { intervalSeconds: 15 },
      outbox: { failedRetentionDays: 7 },
    });
  });

  it('names a bad setting', () => {
    expect(() => loadWith({ health: { intervalSeconds: 0 } })).toThrow(ConfigError);
    expect(() => loadWith({ health: { intervalSeconds: 0 } })).toThrow(/delivery\.health\.intervalSeconds/u);
    expect(() => loadWith({ outbox: { failedRetentionDays: -1 } })).toThrow(/delivery\.outbox\.failedRetentionDays/u);
  });
});
