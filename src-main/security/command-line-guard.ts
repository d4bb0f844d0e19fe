/**
 * Switches that would let someone at the lock screen attach a debugger to ResetDesk (and so read passwords or
 * drive the flow), or take away the protections the window relies on: the renderer sandbox, the same-origin policy,
 * certificate checks, and where the network traffic goes. The app refuses to start when any is present. Electron
 * fuses should disable the debugging ones as well; this is the check that does not depend on how the binary was
 * packaged.
 */
const FORBIDDEN_EXACT = new Set([
  // Debugging and V8 internals.
  'js-flags',
  'remote-allow-origins',
  // The renderer sandbox and site isolation.
  'no-sandbox',
  'disable-gpu-sandbox',
  'disable-setuid-sandbox',
  'no-zygote',
  'single-process',
  'disable-site-isolation-trials',
  // The same-origin policy, mixed content and certificate checks.
  'disable-web-security',
  'allow-running-insecure-content',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'ignore-urlfetcher-cert-requests',
  'unsafely-treat-insecure-origin-as-secure',
  // Where traffic goes: only machine policy may choose a proxy (see managed-config.ts).
  'proxy-server',
  'proxy-pac-url',
  'proxy-bypass-list',
  'host-resolver-rules',
  'host-rules',
]);
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
