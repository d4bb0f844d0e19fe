import { originOf } from './origin';

/**
 * Only frames loaded from our own origins may call the main process. Electron passes the URL of the frame that sent
 * the message; anything else (a navigated-away frame, an iframe, about:blank, a file: URL) is refused.
 */
export function createSenderGuard(trustedOrigins: readonly string[]): (senderUrl: string) => boolean {
  const trusted = new Set(
    trustedOrigins.map((origin) => {
      const normalized = originOf(origin);
      if (normalized === null) throw new Error(`Not an origin: ${origin}`);
      return normalized;
    }),
  );
  return (senderUrl) => {
    const origin = originOf(senderUrl);
    return origin !== null && trusted.has(origin);
  };
}
