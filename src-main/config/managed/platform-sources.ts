import { join } from 'node:path';
import { readJsonSettingsFile, ROOT_OWNED_POLICY, USER_FILE } from './json-file-source';
import { MAC_BUNDLE_ID, readManagedPreferences } from './plist-source';
import type { PolicyRead, PolicySource } from './policy-source';
import { readRegistryPolicy } from './registry-source';
import type { RegQuery } from './registry-source';

export const WINDOWS_POLICY_KEY = 'Software\\Policies\\ResetDesk';
// Written by the MSI from its SERVER_URL / ENROLLMENT_TOKEN properties (see build/msi-project-created.cjs).
export const WINDOWS_INSTALLER_KEY = 'HKLM\\Software\\ResetDesk';
export const LINUX_POLICY_FILE = '/etc/resetdesk/policy.json';
export const LINUX_INSTALLER_DEFAULTS_FILE = '/etc/resetdesk/defaults.json';
export const MAC_MANAGED_PREFERENCES_DIR = '/Library/Managed Preferences';

export interface PlatformSourceOptions {
  platform: NodeJS.Platform;
  /** The user's own settings file (config.json in the app's user-data folder). */
  userConfigFile: string;
  /** The signed-in user's short name (macOS per-user managed preferences). */
  userName: string;
  /** RESETDESK_SERVER_URL: a developer override at the user-setting level (policy still wins). */
  serverUrlOverride?: string | undefined;
  regQuery?: RegQuery;
}

function envSource(serverUrl: string): PolicySource {
  return {
    name: 'environment (RESETDESK_SERVER_URL)',
    layer: 'userSetting',
    read: (): Promise<PolicyRead> => Promise.resolve({ status: 'ok', settings: { serverUrl }, refused: [] }),
  };
}

/** The configuration sources of this platform, in no particular order (their layer decides the strength). */
export function platformSources(options: PlatformSourceOptions): PolicySource[] {
  const sources: PolicySource[] = [];
  switch (options.platform) {
    case 'win32':
      sources.push(
        {
          name: `HKLM\\${WINDOWS_POLICY_KEY}`,
          layer: 'machinePolicy',
          read: () => readRegistryPolicy(`HKLM\\${WINDOWS_POLICY_KEY}`, options.regQuery),
        },
        {
          name: `HKCU\\${WINDOWS_POLICY_KEY}`,
          layer: 'userPolicy',
          read: () => readRegistryPolicy(`HKCU\\${WINDOWS_POLICY_KEY}`, options.regQuery),
        },
        {
          name: WINDOWS_INSTALLER_KEY,
          layer: 'installerDefault',
          read: () => readRegistryPolicy(WINDOWS_INSTALLER_KEY, options.regQuery),
        },
      );
      break;
    case 'darwin': {
      const machine = join(MAC_MANAGED_PREFERENCES_DIR, `${MAC_BUNDLE_ID}.plist`);
      const user = join(MAC_MANAGED_PREFERENCES_DIR, options.userName, `${MAC_BUNDLE_ID}.plist`);
      sources.push(
        { name: machine, layer: 'machinePolicy', read: () => readManagedPreferences(machine) },
        { name: user, layer: 'userPolicy', read: () => readManagedPreferences(user) },
      );
      break;
    }
    default:
      sources.push(
        {
          name: LINUX_POLICY_FILE,
          layer: 'machinePolicy',
          read: () => readJsonSettingsFile(LINUX_POLICY_FILE, ROOT_OWNED_POLICY),
        },
        {
          name: LINUX_INSTALLER_DEFAULTS_FILE,
          layer: 'installerDefault',
          read: () => readJsonSettingsFile(LINUX_INSTALLER_DEFAULTS_FILE, ROOT_OWNED_POLICY),
        },
      );
  }
  // Within a layer the first source wins: the environment override before the user's file.
  if (options.serverUrlOverride) sources.push(envSource(options.serverUrlOverride));
  sources.push({
    name: options.userConfigFile,
    layer: 'userSetting',
    read: () => readJsonSettingsFile(options.userConfigFile, USER_FILE),
  });
  return sources;
}
