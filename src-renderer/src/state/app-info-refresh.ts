import type { PublicConfig } from '@resetdesk/shared';
import type { AppInfo } from '../api/reset-api';

/**
 * The app info with the policy's parts taken from the server's public config as it is now: a kiosk may run for days
 * while the organisation changes its policy, so each return to the first screen asks again and its links follow the
 * policy in force (the server refuses whatever it forbids either way). A part the server no longer sends goes away.
 */
export function refreshedAppInfo(current: AppInfo, config: PublicConfig): AppInfo {
  const { organizationName, contactAdminUrl, unlockAllowed, changeAllowed, userIdDomain } = config;
  const { registrationAllowed } = config;
  const { contactAdminUrl: _url, unlockAllowed: _unlock, changeAllowed: _change, userIdDomain: _domain, ...rest } =
    current;
  const { registrationAllowed: _register, ...own } = rest;
  return {
    ...own,
    organizationName,
    ...(contactAdminUrl === undefined ? {} : { contactAdminUrl }),
    ...(unlockAllowed === undefined ? {} : { unlockAllowed }),
    ...(changeAllowed === undefined ? {} : { changeAllowed }),
    ...(registrationAllowed === undefined ? {} : { registrationAllowed }),
    ...(userIdDomain === undefined ? {} : { userIdDomain }),
  };
}
