import { afterAll, beforeAll } from 'vitest';
import { createActiveDirectory } from '../../../../src-server/src/directory/active-directory/active-directory';
import type { ActiveDirectory } from '../../../../src-server/src/directory/active-directory/active-directory';
import { ActiveDirectorySettingsSchema } from '../../../../src-server/src/directory/active-directory/ad-settings';
import type { ActiveDirectorySettings } from '../../../../src-server/src/directory/active-directory/ad-settings';
import { SAMBA_BASE_DN, SAMBA_LDAPS_URL, SAMBA_STARTTLS_URL, startSambaAd } from '../../support/samba-ad-server';
import type { SambaAd } from '../../support/samba-ad-server';

export type Security = 'ldaps' | 'starttls';
export const SECURITIES: Security[] = ['ldaps', 'starttls'];

export interface AdFixture {
  readonly ad: SambaAd;
  /** An adapter as the least-privilege service account; closed after the file. */
  directory(security?: Security, overrides?: Record<string, unknown>, password?: string): ActiveDirectory;
  settings(security?: Security, overrides?: Record<string, unknown>): ActiveDirectorySettings;
}

/**
 * One Samba per test file (beforeAll; about 10 s), shared by its tests: each test that changes state works on a user
 * of its own (ad.addUser). Files take turns through the lock in samba-ad-lock.ts.
 */
export function useSambaAd(): AdFixture {
  let samba: SambaAd | null = null;
  const open: ActiveDirectory[] = [];
  beforeAll(async () => {
    samba = await startSambaAd();
  }, 960_000);
  afterAll(async () => {
    await Promise.all(open.map((directory) => directory.close()));
    await samba?.destroy();
  }, 60_000);

  const fixture: AdFixture = {
    get ad(): SambaAd {
      if (!samba) throw new Error('Samba is not started');
      return samba;
    },
    settings(security = 'ldaps', overrides = {}) {
      const { connection, ...rest } = overrides as { connection?: Record<string, unknown> };
      return ActiveDirectorySettingsSchema.parse({
        kind: 'activeDirectory',
        connection: {
          urls: [security === 'ldaps' ? SAMBA_LDAPS_URL : SAMBA_STARTTLS_URL],
          security,
          caFile: fixture.ad.caFile,
          bindDn: fixture.ad.service.dn,
          bindPassword: { env: 'RESETDESK_AD_TEST_UNUSED' },
          baseDn: SAMBA_BASE_DN,
          connectTimeoutMs: 2_000,
          operationTimeoutMs: 3_000,
          ...connection,
        },
        netbiosNames: ['EXAMPLE'],
        upnSuffixes: ['example.test'],
        protectedGroups: [fixture.ad.groups.tier0],
        ...rest,
      });
    },
    directory(security = 'ldaps', overrides = {}, password) {
      const settings = fixture.settings(security, overrides);
      const directory = createActiveDirectory(settings, password ?? fixture.ad.service.password);
      open.push(directory);
      return directory;
    },
  };
  return fixture;
}
