import { describe, expect, it } from 'vitest';
import type { HealthLine } from '../../../../src-server/src/directory/directory-health';
import { SECURITIES, useSambaAd } from './ad-fixture';

const fx = useSambaAd();

const byCheck = (lines: HealthLine[]): Record<string, HealthLine> =>
  Object.fromEntries(lines.map((line) => [line.check, line]));

describe.each(SECURITIES)('Active Directory health over %s', (security) => {
  it('reports a healthy directory, one line per check', async () => {
    const lines = await fx.directory(security, { forceChangeAfterReset: true }).checkHealth('alice');
    expect(lines.map((line) => line.check)).toEqual([
      'connect', 'tls', 'bind', 'search', 'find user', 'groups', 'lock state', 'reset right', 'unlock right',
      'force change right',
    ]);
    expect(lines.filter((line) => !line.ok)).toEqual([]);
    expect(byCheck(lines)['find user']?.detail).toContain('CN=alice,CN=Users,DC=example,DC=test');
    expect(byCheck(lines)['reset right']?.detail).toContain('granted');
  });
});

describe('Active Directory health, misconfigured', () => {
  it('names an unreachable port', async () => {
    const lines = await fx.directory('ldaps', { connection: { urls: ['ldaps://127.0.0.1:1'] } }).checkHealth();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ check: 'connect', ok: false });
    expect(lines[0]?.hint).toBeTruthy();
  });

  it('names an untrusted certificate (no caFile) over LDAPS and StartTLS', async () => {
    for (const security of SECURITIES) {
      const lines = await fx.directory(security, { connection: { caFile: undefined } }).checkHealth();
      expect(lines.at(-1), security).toMatchObject({ check: 'tls', ok: false });
      expect(lines.at(-1)?.hint).toContain('caFile');
    }
  });

  it('names a refused service bind without showing the password', async () => {
    const lines = await fx.directory('ldaps', {}, 'Wr0ng-Service-Pw!').checkHealth('alice');
    expect(lines.at(-1)).toMatchObject({ check: 'bind', ok: false });
    expect(JSON.stringify(lines)).not.toContain('Wr0ng-Service-Pw!');
  });

  it('names a base DN that does not exist, and a user that is not found', async () => {
    const nowhere = { connection: { baseDn: 'OU=Nowhere,DC=example,DC=test' } };
    const missingBase = await fx.directory('ldaps', nowhere).checkHealth();
    expect(missingBase.at(-1)).toMatchObject({ check: 'search', ok: false });
    const missingUser = await fx.directory().checkHealth('nobody-here');
    expect(missingUser.at(-1)).toMatchObject({ check: 'find user', ok: false });
    expect(missingUser.at(-1)?.hint).toContain('findBy');
  });

  it('names the missing delegation of a service account without rights', async () => {
    const { dn, password } = fx.ad.unprivileged;
    const directory = fx.directory('ldaps', { connection: { bindDn: dn } }, password);
    const lines = byCheck(await directory.checkHealth('alice'));
    expect(lines.bind?.ok).toBe(true);
    expect(lines['find user']?.ok).toBe(true);
    expect(lines['reset right']).toMatchObject({ ok: false });
    expect(lines['unlock right']).toMatchObject({ ok: false });
    expect(lines['reset right']?.hint).toContain('Reset password');
  });
});

describe('Active Directory outage', () => {
  it('reports unavailable within the timeout while samba is down and recovers by itself when it is back', async () => {
    const directory = fx.directory('ldaps');
    const starttls = fx.directory('starttls');
    const alice = await directory.findUser('alice');
    expect(await starttls.findUser('alice')).not.toBeNull();
    await fx.ad.stop();
    try {
      for (const operation of [
        () => directory.findUser('alice'),
        () => starttls.findUser('alice'),
        () => directory.setPassword(alice?.id ?? '', 'D0wn-Passw0rd!x', { unlock: false }),
        () => directory.verifyPassword('alice', fx.ad.users.alice.password),
        () => directory.lockState(alice?.id ?? ''),
      ]) {
        const started = Date.now();
        await expect(operation()).rejects.toMatchObject({ name: 'DirectoryError', failure: 'unavailable' });
        // connectTimeoutMs is 2 s and operationTimeoutMs 3 s in the fixture: a read is retried once.
        expect(Date.now() - started).toBeLessThan(12_000);
      }
      const health = await directory.checkHealth();
      expect(health[0]).toMatchObject({ check: 'connect', ok: false });
    } finally {
      await fx.ad.start();
    }
    expect((await directory.findUser('alice'))?.id).toBe(alice?.id);
    expect((await starttls.findUser('alice'))?.id).toBe(alice?.id);
    expect(await directory.verifyPassword('alice', fx.ad.users.alice.password)).toBe('ok');
  });

  it('times out on a domain controller that stops answering, and carries on when it answers again', async () => {
    const directory = fx.directory('ldaps');
    const alice = await directory.findUser('alice');
    fx.ad.pause();
    try {
      const started = Date.now();
      await expect(directory.findUser('alice')).rejects.toMatchObject({ failure: 'unavailable' });
      // operationTimeoutMs 3 s, then one retry on a fresh connection (connect 2 s, or the TLS handshake timing out).
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      fx.ad.resume();
    }
    expect((await directory.findUser('alice'))?.id).toBe(alice?.id);
  });
});
