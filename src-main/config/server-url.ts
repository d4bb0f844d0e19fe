/**
 * Which reset-server URLs the desktop app may talk to. Passwords and codes travel in these requests, so plain HTTP is
 * only accepted for the local machine (development and the bundled demo server), never across a network.
 */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type ServerUrlProblem = 'not a URL' | 'must use https' | 'must not contain credentials, a query or a fragment';

export function checkServerUrl(value: string): ServerUrlProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'not a URL';
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') {
    return 'must not contain credentials, a query or a fragment';
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'must use https';
}

/** The origin shown in "About" and used to compare URLs: scheme, host and port only. */
export function serverOriginOf(serverUrl: string): string {
  return new URL(serverUrl).origin;
}
