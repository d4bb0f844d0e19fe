/**
 * The origin of a URL as `scheme://host[:port]`, lower-cased, or null when it has none (file:, data:, about:blank).
 * WHATWG `URL.origin` is "null" for schemes Node does not know, such as our privileged `resetdesk://app`, so the origin
 * is built from the parts instead.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '' || parsed.protocol === 'file:') return null;
  return `${parsed.protocol}//${parsed.host}`.toLowerCase();
}
