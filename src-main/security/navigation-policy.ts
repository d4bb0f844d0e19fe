import { originOf } from '../ipc/origin';

/** The origin the wizard is served from (the privileged `resetdesk` scheme registered by the Electron main). */
export const APP_SCHEME = 'resetdesk';
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The wizard is one page: its frames may only ever (re)load our own origin. */
export function isAllowedNavigation(url: string, appOrigin: string = APP_ORIGIN): boolean {
  const origin = originOf(url);
  return origin !== null && origin === originOf(appOrigin);
}

/** `window.open` and target=_blank never create a window (on a lock screen a new window is an escape hatch). */
export function decideWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Camera, notifications, clipboard reads, HID...: the wizard needs none of them. */
export function decidePermissionRequest(): false {
  return false;
}

/**
 * Whether a link may be handed to the user's default browser or mail client. Only https: and mailto:, and only
 * what the configuration lists: an https entry with no path is its whole origin, any other entry must match exactly
 * (a mailto entry matches the same address with any subject or body).
 */
export function isAllowedExternalUrl(url: string, allowList: readonly string[]): boolean {
  let candidate: URL;
  try {
    candidate = new URL(url);
  } catch {
    return false;
  }
  if (candidate.username !== '' || candidate.password !== '') return false;
  if (candidate.protocol !== 'https:' && candidate.protocol !== 'mailto:') return false;
  return allowList.some((entry) => matchesEntry(candidate, entry));
}

function matchesEntry(candidate: URL, entry: string): boolean {
  let allowed: URL;
  try {
    allowed = new URL(entry);
  } catch {
    return false;
  }
  if (allowed.protocol !== candidate.protocol) return false;
  if (candidate.protocol === 'mailto:') {
    return allowed.pathname.toLowerCase() === candidate.pathname.toLowerCase();
  }
  const wholeOrigin = allowed.pathname === '/' && allowed.search === '' && allowed.hash === '';
  if (wholeOrigin) return allowed.origin === candidate.origin;
  return allowed.href === candidate.href;
}
