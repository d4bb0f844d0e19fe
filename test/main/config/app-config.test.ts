import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig, parseAppConfig } from '../../../src-main/config/app-config';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resetdesk-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('app config', () => {
  it('fills in the built-in defaults', () => {
    expect(parseAppConfig({ serverUrl: 'https://reset.contoso.com' })).toEqual({
      ok: true,
      value: {
        serverUrl: 'https://reset.contoso.com',
        requestTimeoutMs: 10_000,
        kiosk: false,
        devTools: false,
        externalUrlAllowList: [],
      },
    });
  });

  it('reads the JSON file, with defaults for what it leaves out', async () => {
    const path = await configFile(
      'full.json',
      JSON.stringify({ serverUrl: 'https://reset.contoso.com/sspr', kiosk: true, locale: 'nl-NL', requestTimeoutMs: 5000 }),
    );
    const result = await loadAppConfig({ configFilePath: path, env: {} });
    expect(result).toEqual({
      ok: true,
      value: {
        serverUrl: 'https://reset.contoso.com/sspr',
        requestTimeoutMs: 5000,
        locale: 'nl-NL',
        kiosk: true,
        devTools: false,
        externalUrlAllowList: [],
      },
    });
  });

  it('lets RESETDESK_SERVER_URL override the file', async () => {
    const path = await configFile('override.json', JSON.stringify({ serverUrl: 'https://file.contoso.com', kiosk: true }));
    const result = await loadAppConfig({ configFilePath: path, env: { RESETDESK_SERVER_URL: 'https://env.contoso.com' } });
    expect(result.ok && result.value.serverUrl).toBe('https://env.contoso.com');
    expect(result.ok && result.value.kiosk).toBe(true);
  });

  it('accepts a missing file when the environment provides the server URL', async () => {
    const result = await loadAppConfig({
      configFilePath: join(dir, 'does-not-exist.json'),
      env: { RESETDESK_SERVER_URL: 'http://127.0.0.1:8787' },
    });
    expect(result.ok && result.value.serverUrl).toBe('http://127.0.0.1:8787');
  });

  it('is CONFIG_INVALID when no server URL is configured anywhere', async () => {
    const result = await loadAppConfig({ configFilePath: join(dir, 'does-not-exist.json'), env: {} });
    expect(result.ok || result.error.code).toBe('CONFIG_INVALID');
    expect(result.ok || result.error.message).toContain('serverUrl');
  });

  it.each(['http://127.0.0.1:8787', 'http://localhost:3000/', 'http://[::1]:8080', 'https://reset.contoso.com'])(
    'accepts %s',
    (serverUrl) => {
      expect(parseAppConfig({ serverUrl }).ok).toBe(true);
    },
  );

  it.each([
    'http://reset.contoso.com',
    'http://127.0.0.2:8787',
    'http://localhost.contoso.com',
    'ftp://reset.contoso.com',
    'https://user:pw@reset.contoso.com',
    'https://reset.contoso.com/?next=x',
    'not a url',
  ])('rejects %s with CONFIG_INVALID', (serverUrl) => {
    const result = parseAppConfig({ serverUrl });
    expect(result.ok || result.error.code).toBe('CONFIG_INVALID');
  });

  it('does not echo rejected values (a URL may hold credentials)', () => {
    const result = parseAppConfig({ serverUrl: 'https://admin:hunter2@reset.contoso.com' });
    expect(result.ok || result.error.message).not.toContain('hunter2');
  });

  it('reports an invalid file as CONFIG_INVALID, not as a zod dump', async () => {
    const notJson = await configFile('broken.json', '{ serverUrl: ');
    const wrongTypes = await configFile(
      'types.json',
      JSON.stringify({ serverUrl: 'https://reset.contoso.com', kiosk: 'yes', requestTimeoutMs: -1, colour: 'blue' }),
    );
    const notObject = await configFile('array.json', '[]');

    for (const path of [notJson, wrongTypes, notObject]) {
      const result = await loadAppConfig({ configFilePath: path, env: {} });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.code).toBe('CONFIG_INVALID');
      expect(result.error.message.length).toBeLessThanOrEqual(500);
      expect(result.error.message).not.toMatch(/^\s*\[/u);
    }
    const typed = await loadAppConfig({ configFilePath: wrongTypes, env: {} });
    expect(typed.ok || typed.error.message).toMatch(/kiosk.*requestTimeoutMs.*colour|kiosk/su);
  });

  it('only allows https and mailto external links', () => {
    const good = parseAppConfig({
      serverUrl: 'https://reset.contoso.com',
      externalUrlAllowList: ['https://help.contoso.com', 'mailto:helpdesk@contoso.com'],
    });
    expect(good.ok).toBe(true);
    const bad = parseAppConfig({ serverUrl: 'https://reset.contoso.com', externalUrlAllowList: ['javascript:alert(1)'] });
    expect(bad.ok || bad.error.code).toBe('CONFIG_INVALID');
  });
});
