import { chmod, chown, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonSettingsFile, ROOT_OWNED_POLICY, USER_FILE } from '../../../src-main/config/managed/json-file-source';
import { ManagedConfigLoader } from '../../../src-main/config/managed/managed-config';
import { parsePlistXml, readManagedPreferences } from '../../../src-main/config/managed/plist-source';
import { platformSources } from '../../../src-main/config/managed/platform-sources';
import type { PolicyRead, PolicySource } from '../../../src-main/config/managed/policy-source';
import { parseRegQueryOutput, readRegistryPolicy } from '../../../src-main/config/managed/registry-source';
import type { RegQuery } from '../../../src-main/config/managed/registry-source';
import { createRedactingLogger } from '../../../src-main/logging/logger';
import { createRecordingSink } from '../support/recording-sink';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'resetdesk-policy-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Output of `reg query HKLM\Software\Policies\ResetDesk` on Windows 11 (CRLF, four-space columns, a subkey listed).
const REG_HKLM = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\ResetDesk',
  '    ServerUrl    REG_SZ    https://reset.contoso.com',
  '    Kiosk    REG_DWORD    0x1',
  '    IdleTimeoutSeconds    REG_DWORD    0x78',
  '    AllowedFlows    REG_MULTI_SZ    reset\\0unlock',
  '    Locale    REG_SZ    nl-NL',
  '    Wallpaper    REG_SZ    C:\\img.png',
  '    LogLevel    REG_EXPAND_SZ    warn',
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\ResetDesk\\Extra',
  '',
].join('\r\n');
const REG_MISSING = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

/** A FAKE reg.exe (no Windows here): answers with recorded real output per key. */
function scriptedReg(answers: Record<string, { exitCode: number; stdout: string }>): RegQuery {
  return (key) => Promise.resolve(answers[key] ?? { exitCode: 1, stdout: REG_MISSING });
}

describe('Windows registry policy (reg query output)', () => {
  it('parses values of the key itself, by type', () => {
    const values = parseRegQueryOutput(REG_HKLM);
    expect(values.get('ServerUrl')).toEqual({ type: 'REG_SZ', value: 'https://reset.contoso.com' });
    expect(values.get('Kiosk')).toEqual({ type: 'REG_DWORD', value: 1 });
    expect(values.get('IdleTimeoutSeconds')).toEqual({ type: 'REG_DWORD', value: 120 });
    expect(values.get('AllowedFlows')).toEqual({ type: 'REG_MULTI_SZ', value: ['reset', 'unlock'] });
    expect(values.has('Extra')).toBe(false);
  });

  it('maps values to settings, reports unknown names, and tells a missing key from a failure', async () => {
    const reg = scriptedReg({
      'HKLM\\Software\\Policies\\ResetDesk': { exitCode: 0, stdout: REG_HKLM },
      'HKCU\\Software\\Policies\\ResetDesk': { exitCode: 5, stdout: 'ERROR: Access is denied.' },
    });
    expect(await readRegistryPolicy('HKLM\\Software\\Policies\\ResetDesk', reg)).toEqual({
      status: 'ok',
      settings: {
        serverUrl: 'https://reset.contoso.com',
        kiosk: true,
        idleTimeoutSeconds: 120,
        allowedFlows: ['reset', 'unlock'],
        locale: 'nl-NL',
        logLevel: 'warn',
      },
      refused: ['Wallpaper'],
    });
    expect(await readRegistryPolicy('HKLM\\Software\\ResetDesk', reg)).toEqual({ status: 'absent' });
    expect(await readRegistryPolicy('HKCU\\Software\\Policies\\ResetDesk', reg)).toMatchObject({ status: 'error' });
  });

  it('layers HKLM policy over HKCU policy over the installer key over the user file', async () => {
    const userFile = join(dir, 'win-user.json');
    await writeFile(userFile, JSON.stringify({ serverUrl: 'https://user.contoso.com', locale: 'en', devTools: true }));
    const reg = scriptedReg({
      'HKLM\\Software\\Policies\\ResetDesk': { exitCode: 0, stdout: REG_HKLM },
      'HKCU\\Software\\Policies\\ResetDesk': {
        exitCode: 0,
        stdout: 'HKEY_CURRENT_USER\\Software\\Policies\\ResetDesk\r\n    Kiosk    REG_DWORD    0x0\r\n    RequestTimeoutMs    REG_DWORD    0x1388\r\n',
      },
      'HKLM\\Software\\ResetDesk': {
        exitCode: 0,
        stdout: `HKEY_LOCAL_MACHINE\\Software\\ResetDesk\r\n    ServerUrl    REG_SZ    https://installer.contoso.com\r\n    EnrollmentToken    REG_SZ    rdet_${'t'.repeat(43)}\r\n`,
      },
    });
    const loader = new ManagedConfigLoader(
      platformSources({ platform: 'win32', userConfigFile: userFile, userName: 'jan', regQuery: reg }),
      createRedactingLogger(createRecordingSink()),
    );
    const managed = await loader.load();
    expect(managed.config).toMatchObject({
      ok: true,
      value: {
        serverUrl: 'https://reset.contoso.com',
        kiosk: true,
        requestTimeoutMs: 5000,
        enrollmentToken: `rdet_${'t'.repeat(43)}`,
        locale: 'nl-NL',
        devTools: true,
      },
    });
    expect(managed.managedKeys.sort()).toEqual(
      ['allowedFlows', 'idleTimeoutSeconds', 'kiosk', 'locale', 'logLevel', 'requestTimeoutMs', 'serverUrl'].sort(),
    );
    expect(managed.origins.enrollmentToken).toBe('HKLM\\Software\\ResetDesk');
    expect(managed.origins.devTools).toBe(userFile);
  });
});

describe('Linux /etc policy file (root-owned, regular, not group/other-writable)', () => {
  const isRoot = process.getuid?.() === 0;

  async function policyFile(name: string, content: string, mode: number, uid = 0): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, content);
    await chmod(path, mode);
    if (isRoot) await chown(path, uid, 0);
    return path;
  }

  it.runIf(isRoot)('accepts a root-owned 0644 file', async () => {
    const path = await policyFile('ok.json', JSON.stringify({ serverUrl: 'https://reset.contoso.com', kiosk: true }), 0o644);
    expect(await readJsonSettingsFile(path, ROOT_OWNED_POLICY)).toEqual({
      status: 'ok',
      settings: { serverUrl: 'https://reset.contoso.com', kiosk: true },
      refused: [],
    });
  });

  it.runIf(isRoot)('refuses a file owned by another user, a group- or other-writable file, and a symlink', async () => {
    const content = JSON.stringify({ kiosk: false });
    const foreign = await policyFile('foreign.json', content, 0o644, 1000);
    expect(await readJsonSettingsFile(foreign, ROOT_OWNED_POLICY)).toMatchObject({ status: 'error', reason: /uid 1000/u });
    const groupWritable = await policyFile('group.json', content, 0o664);
    expect(await readJsonSettingsFile(groupWritable, ROOT_OWNED_POLICY)).toMatchObject({ status: 'error' });
    const otherWritable = await policyFile('other.json', content, 0o646);
    expect(await readJsonSettingsFile(otherWritable, ROOT_OWNED_POLICY)).toMatchObject({ status: 'error' });
    const link = join(dir, 'link.json');
    await symlink(await policyFile('target.json', content, 0o644), link);
    expect(await readJsonSettingsFile(link, ROOT_OWNED_POLICY)).toMatchObject({
      status: 'error',
      reason: 'not a regular file',
    });
    expect(await readJsonSettingsFile(dir, ROOT_OWNED_POLICY)).toMatchObject({ status: 'error' });
    // The user's own settings file has no owner requirement.
    expect(await readJsonSettingsFile(foreign, USER_FILE)).toMatchObject({ status: 'ok' });
  });

  it('tells a missing file (no policy) from a broken one', async () => {
    expect(await readJsonSettingsFile(join(dir, 'none.json'), ROOT_OWNED_POLICY)).toEqual({ status: 'absent' });
    const broken = await policyFile('broken.json', '{"kiosk": tru', 0o644);
    expect(await readJsonSettingsFile(broken, ROOT_OWNED_POLICY)).toMatchObject({ status: 'error' });
  });

  it.runIf(isRoot)('keeps the last good value when a later read fails, and refuses values that fail the schema', async () => {
    const path = await policyFile(
      'policy.json',
      JSON.stringify({
        serverUrl: 'https://reset.contoso.com',
        kiosk: true,
        idleTimeoutSeconds: 5,
        enrollmentToken: 'rdet_short-and-secret',
        colour: 'blue',
      }),
      0o644,
    );
    const recording = createRecordingSink();
    const source: PolicySource = {
      name: path,
      layer: 'machinePolicy',
      read: () => readJsonSettingsFile(path, ROOT_OWNED_POLICY),
    };
    const loader = new ManagedConfigLoader([source], createRedactingLogger(recording));
    const first = await loader.load();
    expect(first.config).toMatchObject({ ok: true, value: { kiosk: true } });
    expect(first.config.ok && first.config.value.idleTimeoutSeconds).toBeUndefined();
    const logged = JSON.stringify(recording.lines);
    expect(logged).toContain('idleTimeoutSeconds');
    expect(logged).toContain('enrollmentToken');
    expect(logged).toContain('colour');
    expect(logged).not.toContain('rdet_short-and-secret');

    // Someone makes the file group-writable: it is no longer trusted, and the last good settings stay in force.
    await chmod(path, 0o666);
    const second = await loader.load();
    expect(second.config).toMatchObject({ ok: true, value: { serverUrl: 'https://reset.contoso.com', kiosk: true } });
    expect(second.managedKeys).toContain('kiosk');
    expect(JSON.stringify(recording.lines)).toContain('keeping its last good settings');
  });
});

const PLIST = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>serverUrl</key>
  <string>https://reset.contoso.com/sspr</string>
  <key>kiosk</key>
  <true/>
  <key>idleTimeoutSeconds</key>
  <integer>90</integer>
  <key>externalUrlAllowList</key>
  <array>
    <string>https://support.contoso.com</string>
    <string>mailto:help&#64;contoso.com</string>
  </array>
  <key>PayloadUUID</key>
  <string>8d2c1f7e-1b2a-4c3d-9e8f-0a1b2c3d4e5f</string>
</dict>
</plist>
`;

describe('macOS managed preferences (plist)', () => {
  it('parses an XML plist as MDM delivers it', () => {
    expect(parsePlistXml(PLIST)).toEqual({
      serverUrl: 'https://reset.contoso.com/sspr',
      kiosk: true,
      idleTimeoutSeconds: 90,
      externalUrlAllowList: ['https://support.contoso.com', 'mailto:help@contoso.com'],
      PayloadUUID: '8d2c1f7e-1b2a-4c3d-9e8f-0a1b2c3d4e5f',
    });
    expect(() => parsePlistXml('<plist><dict><key>a</key></dict></plist>')).toThrow();
    expect(() => parsePlistXml('{"json": true}')).toThrow();
  });

  it('reads a real plist file; converts binary plists with plutil first', async () => {
    const path = join(dir, 'com.resetdesk.desktop.plist');
    await writeFile(path, PLIST);
    const read: PolicyRead = await readManagedPreferences(path);
    expect(read).toMatchObject({ status: 'ok', settings: { kiosk: true, idleTimeoutSeconds: 90 }, refused: ['PayloadUUID'] });

    const binary = join(dir, 'binary.plist');
    await writeFile(binary, Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(8)]));
    const converted: string[] = [];
    // A FAKE plutil (macOS only): returns the XML form of the file.
    const toXml = (file: string) => {
      converted.push(file);
      return Promise.resolve(PLIST);
    };
    expect(await readManagedPreferences(binary, toXml)).toMatchObject({ status: 'ok' });
    expect(converted).toEqual([binary]);
    expect(await readManagedPreferences(join(dir, 'absent.plist'))).toEqual({ status: 'absent' });
  });
});
