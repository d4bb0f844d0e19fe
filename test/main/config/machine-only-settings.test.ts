import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../../src-main/config/app-config';
import { ManagedConfigLoader } from '../../../src-main/config/managed/managed-config';
import { platformSources } from '../../../src-main/config/managed/platform-sources';
import type { ConfigLayer, PolicySource, RawSettings } from '../../../src-main/config/managed/policy-source';
import { createRedactingLogger } from '../../../src-main/logging/logger';
import { createRecordingSink } from '../support/recording-sink';

// Issue 9 item 13: the CA, the proxy and the link allow-list decide whom the app trusts on the network. A kiosk user's
// own config.json (or user policy) must not set them: only machine policy or the installer may.

const NETWORK_TRUST = {
  trustedCaFile: '/home/kiosk/evil-ca.pem',
  proxyUrl: 'http://10.66.66.66:8080',
  externalUrlAllowList: ['https://evil.example'],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resetdesk-machine-only-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function source(layer: ConfigLayer, settings: RawSettings): PolicySource {
  return { name: `test ${layer}`, layer, read: () => Promise.resolve({ status: 'ok', settings, refused: [] }) };
}

describe('settings only machine policy or the installer may set', () => {
  it("ignores the CA, the proxy and the link allow-list in the user's own config.json, and says so", async () => {
    const userFile = join(dir, 'config.json');
    await writeFile(userFile, JSON.stringify({ serverUrl: 'https://reset.contoso.com', locale: 'nl', ...NETWORK_TRUST }));
    const sink = createRecordingSink();
    const managed = await new ManagedConfigLoader(
      platformSources({ platform: 'linux', userConfigFile: userFile, userName: 'kiosk' }),
      createRedactingLogger(sink),
    ).load();
    expect(managed.config.ok).toBe(true);
    if (!managed.config.ok) return;
    expect(managed.config.value).toMatchObject({ serverUrl: 'https://reset.contoso.com', locale: 'nl', externalUrlAllowList: [] });
    expect(managed.config.value.trustedCaFile).toBeUndefined();
    expect(managed.config.value.proxyUrl).toBeUndefined();
    expect(Object.keys(managed.origins).sort()).toEqual(['locale', 'serverUrl']);
    const ignored = sink.lines.filter((line) => String(line[1]).includes('only machine policy or the installer'));
    expect(ignored).toHaveLength(3);
    // The key and the source are logged, never the value.
    expect(sink.text()).not.toContain('10.66.66.66');
  });

  it('ignores them from user policy too, and takes them from machine policy or the installer', async () => {
    const loaderFor = (sources: PolicySource[]) =>
      new ManagedConfigLoader(sources, createRedactingLogger(createRecordingSink())).load();
    const fromUser = await loaderFor([
      source('userPolicy', { serverUrl: 'https://reset.contoso.com', ...NETWORK_TRUST }),
      source('userSetting', NETWORK_TRUST),
    ]);
    expect(fromUser.config).toMatchObject({ ok: true, value: { externalUrlAllowList: [] } });
    expect(fromUser.managedKeys).toEqual(['serverUrl']);

    const machine = { trustedCaFile: '/etc/resetdesk/ca.pem', proxyUrl: 'http://proxy.contoso.com:3128' };
    const fromMachine = await loaderFor([
      source('machinePolicy', { serverUrl: 'https://reset.contoso.com', ...machine }),
      source('installerDefault', { externalUrlAllowList: ['https://help.contoso.com'] }),
      source('userSetting', NETWORK_TRUST),
    ]);
    expect(fromMachine.config).toMatchObject({
      ok: true,
      value: { ...machine, externalUrlAllowList: ['https://help.contoso.com'] },
    });
    expect(fromMachine.origins).toMatchObject({
      trustedCaFile: 'test machinePolicy',
      proxyUrl: 'test machinePolicy',
      externalUrlAllowList: 'test installerDefault',
    });
  });

  it('is enforced by the plain user-file loader as well', async () => {
    const userFile = join(dir, 'plain.json');
    await writeFile(userFile, JSON.stringify({ serverUrl: 'https://reset.contoso.com', ...NETWORK_TRUST }));
    const result = await loadAppConfig({ configFilePath: userFile, env: {} });
    expect(result).toMatchObject({ ok: true, value: { serverUrl: 'https://reset.contoso.com', externalUrlAllowList: [] } });
    if (!result.ok) return;
    expect(result.value.proxyUrl).toBeUndefined();
    expect(result.value.trustedCaFile).toBeUndefined();
  });
});
