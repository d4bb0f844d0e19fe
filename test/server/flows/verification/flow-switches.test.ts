import { describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { PublicConfig } from '@resetdesk/shared';
import { call } from '../../support/server-fixtures';
import { unlockChangeCalls } from '../../support/unlock-change-calls';

// The policy switches every flow kind passes at its start (network gate, CAPTCHA, unlockAllowed, changeAllowed), over HTTP against the built-in directory of the demo tenant.

const flows = unlockChangeCalls();
const { start, serverWithPolicy } = flows;

describe('policy switches', () => {
  it('applies the reset network gate and CAPTCHA to unlock and change too', async () => {
    flows.server = await serverWithPolicy({ allowedClientNetworks: ['10.0.0.0/8'] });
    for (const kind of ['unlock', 'change'] as const) {
      const refused = await start(kind, 'frank');
      expect(refused.body.error.code).toBe('DEVICE_NOT_ALLOWED');
    }
    await flows.server.close();
    flows.server = await serverWithPolicy({ captcha: { mode: 'always' } });
    for (const kind of ['unlock', 'change'] as const) {
      expect((await start(kind, 'frank')).body.error.code).toBe('CAPTCHA_REQUIRED');
    }
  });

  it('refuses unlock with UNLOCK_NOT_ALLOWED and change with CHANGE_NOT_ALLOWED, and publishes both', async () => {
    flows.server = await serverWithPolicy({ unlockAllowed: false, changeAllowed: false });
    const config = await call<PublicConfig>(flows.server.app, 'GET', ROUTES.getPublicConfig);
    // The file overrides only what it says: the demo's organisation name stays.
    expect(config.body).toMatchObject({ organizationName: 'Contoso', unlockAllowed: false, changeAllowed: false });
    for (const name of ['frank', 'nobody-here']) {
      const unlock = await start('unlock', name);
      expect(unlock.status).toBe(403);
      expect(unlock.body.error.code).toBe('UNLOCK_NOT_ALLOWED');
      const changed = await start('change', name);
      expect(changed.status).toBe(403);
      expect(changed.body.error.code).toBe('CHANGE_NOT_ALLOWED');
    }
    // A reset is unaffected (and still unlocks, per unlockOnReset).
    expect((await start('reset', 'frank')).status).toBe(201);
  });
});
