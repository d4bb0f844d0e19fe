import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { parse as load } from 'yaml';
import { describe, expect, it } from 'vitest';
import { objectToSettings } from '../../src-main/config/managed/json-file-source';
import { validateEach } from '../../src-main/config/managed/managed-config';
import { parsePlistXml } from '../../src-main/config/managed/plist-source';
import { WINDOWS_INSTALLER_KEY } from '../../src-main/config/managed/platform-sources';
import { registryValueName, settingKeyForRegistryName } from '../../src-main/config/managed/policy-keys';

// The installer configuration cannot be exercised here (packaging needs the Electron binary and Windows or macOS),
// so its pieces are checked as files: electron-builder.yml against electron-builder's own JSON schema, the release
// workflow, the icons, the MSI hook on a WiX project rendered from electron-builder's real template, the ADMX/ADML
// pair and the macOS profile against the app's own configuration schema.
const require = createRequire(import.meta.url);
const read = (path: string) => readFileSync(resolve(path), 'utf8');
type Yaml = Record<string, unknown>;
const builder = load(read('electron-builder.yml')) as Yaml;

function xml(text: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      warning: () => undefined,
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(text, 'text/xml') as unknown as Document;
  expect(errors).toEqual([]);
  return doc;
}
const all = (doc: Document | Element, tag: string) => Array.from(doc.getElementsByTagName(tag));

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s schema', async () => {
    const Ajv = (await import('ajv')).default;
    const schema = JSON.parse(read('node_modules/app-builder-lib/scheme.json')) as object;
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    expect(validate(builder), JSON.stringify(validate.errors)).toBe(true);
  });

  it('builds every installer IT deploys, with the fuses and signing settings', () => {
    expect(builder).toMatchObject({
      win: { target: ['msi', 'nsis'] },
      msi: { perMachine: true, upgradeCode: '6f4c2a8e-3b1d-4e7a-9c55-2d8f1b0a7e31' },
      mac: { target: ['dmg'], hardenedRuntime: true, notarize: true },
      linux: { target: ['AppImage', 'deb'] },
      electronFuses: {
        runAsNode: false,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        enableCookieEncryption: true,
        grantFileProtocolExtraPrivileges: false,
      },
      msiProjectCreated: 'build/msi-project-created.cjs',
    });
    const mac = builder.mac as Yaml;
    for (const file of [mac.entitlements, mac.entitlementsInherit, builder.msiProjectCreated]) {
      expect(existsSync(resolve(String(file))), String(file)).toBe(true);
    }
    const entitlements = parsePlistXml(read(String(mac.entitlements))) as Record<string, unknown>;
    // Hardened runtime with JIT only: nothing that loosens code signing.
    expect(entitlements).toEqual({ 'com.apple.security.cs.allow-jit': true });
  });

  it('has icons at every size the targets need', () => {
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      const png = readFileSync(resolve(`assets/icons/${size}x${size}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
    const ico = readFileSync(resolve('assets/icon.ico'));
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([1, 7]);
    const icns = readFileSync(resolve('assets/icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
  });
});

describe('release workflow', () => {
  const workflow = load(read('.github/workflows/release.yml')) as Yaml;
  const build = (workflow.jobs as Yaml).build as Yaml;

  it('builds on hosted Windows, macOS and Linux runners and uploads the installers', () => {
    const matrix = ((build.strategy as Yaml).matrix as Yaml).include as { os: string; args: string }[];
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(matrix.find((m) => m.os === 'windows-latest')?.args).toContain('msi');
    expect(matrix.find((m) => m.os === 'macos-latest')?.args).toContain('dmg');
    const steps = build.steps as { run?: string; uses?: string; env?: Record<string, string> }[];
    const packaging = steps.find((s) => s.run?.includes('electron-builder'));
    expect(packaging?.run).toContain('--publish never');
    for (const name of ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID', 'CSC_LINK', 'WIN_CSC_LINK']) {
      expect(packaging?.env?.[name], name).toMatch(/^\$\{\{ secrets\.\w+ \}\}$/u);
    }
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-artifact@'))).toBe(true);
    expect(steps.some((s) => s.run?.includes('test/electron'))).toBe(true);
  });
});

describe('MSI hook (msiProjectCreated)', () => {
  const hook = require(resolve('build/msi-project-created.cjs')) as {
    patchWixProject(xml: string): string;
    INSTALLER_PROPERTIES: { property: string; valueName: string; hidden: boolean }[];
  };
  const original = read('test/fixtures/msi/project.wxs');
  const patched = hook.patchWixProject(original);
  const doc = xml(patched);

  it('adds SERVER_URL and ENROLLMENT_TOKEN as secure public properties, the token hidden from logs', () => {
    const properties = new Map(all(doc, 'Property').map((p) => [p.getAttribute('Id'), p]));
    expect(properties.get('SERVER_URL')?.getAttribute('Secure')).toBe('yes');
    expect(properties.get('ENROLLMENT_TOKEN')?.getAttribute('Secure')).toBe('yes');
    expect(properties.get('ENROLLMENT_TOKEN')?.getAttribute('Hidden')).toBe('yes');
    expect(properties.get('SERVER_URL')?.hasAttribute('Hidden')).toBe(false);
  });

  it('writes them to the registry key the app reads as installer defaults, only when given', () => {
    const group = all(doc, 'ComponentGroup').find((g) => g.getAttribute('Id') === 'ProductComponents');
    const values = all(group as Element, 'RegistryValue');
    expect(values).toHaveLength(2);
    for (const value of values) {
      expect(`${value.getAttribute('Root')}\\${value.getAttribute('Key')}`).toBe(WINDOWS_INSTALLER_KEY);
      const key = settingKeyForRegistryName(value.getAttribute('Name') ?? '');
      expect(key && registryValueName(key)).toBe(value.getAttribute('Name'));
      const component = value.parentNode as Element;
      const property = /^\[(\w+)\]$/u.exec(value.getAttribute('Value') ?? '')?.[1];
      expect(all(component, 'Condition')[0]?.textContent).toBe(property);
    }
    expect(values.map((v) => settingKeyForRegistryName(v.getAttribute('Name') ?? ''))).toEqual([
      'serverUrl',
      'enrollmentToken',
    ]);
  });

  it('remembers the values on repair and upgrade, without overriding a value given on the command line', () => {
    for (const { property, valueName } of hook.INSTALLER_PROPERTIES) {
      const saved = all(doc, 'Property').find((p) => p.getAttribute('Id') === `${property}_SAVED`);
      expect(all(saved as Element, 'RegistrySearch')[0]?.getAttribute('Name')).toBe(valueName);
      const restore = all(doc, 'SetProperty').find((p) => p.getAttribute('Id') === property);
      expect(restore?.getAttribute('After')).toBe('AppSearch');
      expect(restore?.textContent).toBe(`${property}_SAVED AND NOT ${property}`);
    }
  });

  it('keeps the rest of the generated project and is idempotent', () => {
    expect(hook.patchWixProject(patched)).toBe(patched);
    expect(all(doc, 'MajorUpgrade')).toHaveLength(1);
    expect(all(doc, 'File').length).toBe(all(xml(original), 'File').length);
    expect(() => hook.patchWixProject('<Wix/>')).toThrow(/ProductFeature/u);
  });
});

describe('Group Policy template and macOS profile', () => {
  it('ADMX policies write exactly the registry values the app reads, each with its ADML texts', () => {
    const admx = xml(read('build/policy/ResetDesk.admx'));
    const adml = xml(read('build/policy/en-US/ResetDesk.adml'));
    const strings = new Set(all(adml, 'string').map((s) => s.getAttribute('id')));
    const presentations = new Set(all(adml, 'presentation').map((p) => p.getAttribute('id')));
    const valueNames: string[] = [];
    for (const policy of all(admx, 'policy')) {
      expect(policy.getAttribute('key')).toBe('Software\\Policies\\ResetDesk');
      for (const ref of [policy.getAttribute('displayName'), policy.getAttribute('explainText')]) {
        expect(strings.has(/\$\(string\.(\w+)\)/u.exec(ref ?? '')?.[1] ?? ''), ref ?? '').toBe(true);
      }
      const presentation = /\$\(presentation\.(\w+)\)/u.exec(policy.getAttribute('presentation') ?? '')?.[1];
      if (presentation) expect(presentations.has(presentation)).toBe(true);
      const names = [policy, ...all(policy, '*')].map((e) => e.getAttribute('valueName')).filter((n) => n);
      valueNames.push(...(names as string[]));
    }
    for (const name of valueNames) expect(settingKeyForRegistryName(name), name).toBeDefined();
    expect(valueNames).toEqual(expect.arrayContaining(['ServerUrl', 'EnrollmentToken', 'Kiosk', 'IdleTimeoutSeconds']));
  });

  it('the .mobileconfig example carries only valid settings', () => {
    const profile = parsePlistXml(read('build/macos/com.resetdesk.desktop.mobileconfig')) as {
      PayloadContent: Record<string, unknown>[];
    };
    const payload = profile.PayloadContent[0] ?? {};
    expect(payload.PayloadType).toBe('com.resetdesk.desktop');
    const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    const read_ = objectToSettings(settings);
    expect(read_).toMatchObject({ status: 'ok', refused: [] });
    const refused: string[] = [];
    if (read_.status === 'ok') validateEach(read_.settings, (key) => refused.push(key));
    expect(refused).toEqual([]);
  });
});
