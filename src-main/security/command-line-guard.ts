/**
 * Switches that would let someone at the lock screen attach a debugger to ResetDesk (and so read passwords or
 * drive the flow). The app refuses to start when any is present. Electron fuses should disable them as well; this is
 * the check that does not depend on how the binary was packaged.
 */
const FORBIDDEN_EXACT = new Set(['js-flags', 'remote-allow-origins']);
const FORBIDDEN_PREFIXES = ['remote-debugging', 'inspect'];

/**
 * Chromium accepts `--switch`, and on Windows also `-switch` and `/switch`, case-insensitively; Node options come
 * as `--inspect`, `--inspect=9229`, `--inspect-brk`... All are normalized to a lower-case name before comparing.
 */
function switchName(arg: string, platform: NodeJS.Platform): string | null {
  const prefix = /^--?/u.exec(arg) ?? (platform === 'win32' ? /^\//u.exec(arg) : null);
  if (!prefix) return null;
  const name = arg.slice(prefix[0].length).split('=')[0] ?? '';
  return name === '' ? null : name.toLowerCase();
}

function isForbidden(name: string): boolean {
  return FORBIDDEN_EXACT.has(name) || FORBIDDEN_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Returns the first forbidden switch as it was given (without its value), or null when the command line is clean. */
export function findForbiddenSwitch(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string | null {
  for (const arg of argv) {
    const name = switchName(arg, platform);
    if (name !== null && isForbidden(name)) return arg.split('=')[0] ?? arg;
  }
  return null;
}

/** The same check for NODE_OPTIONS, which Node (and Electron, unless a fuse disables it) reads from the environment. */
export function findForbiddenNodeOption(
  env: Readonly<Record<string, string | undefined>>,
  platform: NodeJS.Platform = process.platform,
): string | null {
  const options = env.NODE_OPTIONS?.split(/\s+/u).filter((part) => part !== '') ?? [];
  return findForbiddenSwitch(options, platform);
}
