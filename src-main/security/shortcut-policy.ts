/** The parts of Electron's `Input` (before-input-event) the policy looks at. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

// Reload, DevTools, zoom, print, view-source, find, save, new window: none is something a person at a kiosk or a
// lock screen should be able to trigger. Menus are gone in kiosk mode, but Chromium handles some keys itself.
const BLOCKED_PLAIN_KEYS = new Set(['F5', 'F7', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward', 'ZoomIn', 'ZoomOut']);
const BLOCKED_WITH_MODIFIER = new Set(['r', 'R', 'p', 'P', 'u', 'U', 's', 'S', 'f', 'F', 'n', 'N', 'o', 'O', 'g', 'G', '+', '=', '-', '_', '0', 'w', 'W', 'q', 'Q']);

/** True when the key press must be swallowed (preventDefault in before-input-event). */
export function isBlockedShortcut(input: KeyInput, kiosk: boolean): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (BLOCKED_PLAIN_KEYS.has(input.key)) return true;
  const commandKey = input.control || input.meta;
  // Ctrl+Shift+I / J / C and Cmd+Alt+I open DevTools.
  if (commandKey && (input.shift || input.alt) && /^[ijcIJC]$/u.test(input.key)) return true;
  if (commandKey && BLOCKED_WITH_MODIFIER.has(input.key)) {
    // Closing and quitting stay possible outside kiosk mode; in a kiosk the app is not the person's to close.
    return kiosk || !['w', 'W', 'q', 'Q'].includes(input.key);
  }
  // Alt+Left / Alt+Right navigate history.
  if (input.alt && (input.key === 'ArrowLeft' || input.key === 'ArrowRight')) return true;
  // Alt+F4 closes the window in a kiosk.
  if (kiosk && input.alt && input.key === 'F4') return true;
  return false;
}
