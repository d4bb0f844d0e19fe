/** Only http(s) links are rendered: a configured or server-sent "javascript:" URL must never become a clickable link. */
export function safeHttpUrl(candidate: string | undefined): string | null {
  if (candidate === undefined) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A contact link from policy: a web page, or a mailto: address for the helpdesk. Anything else is dropped. */
export function safeContactUrl(candidate: string | undefined): string | null {
  if (candidate === undefined) return null;
  try {
    const url = new URL(candidate);
    if (url.protocol === 'mailto:') return url.href;
  } catch {
    return null;
  }
  return safeHttpUrl(candidate);
}
