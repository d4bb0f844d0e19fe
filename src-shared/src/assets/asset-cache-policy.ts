/**
 * One cache policy for the built wizard, used by the reset server and by the desktop app's protocol handler alike.
 *
 * Vite writes every script, style sheet and image it emits under `assets/` with a content hash in the name, so a
 * browser may keep those for a year and never ask again: a new build has new names. The HTML (and the unhashed files
 * copied from public/) names those hashed files, so it must be checked on every load, or a kiosk would keep running
 * an old wizard after an upgrade.
 */
export const IMMUTABLE_ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
export const REVALIDATE_CACHE_CONTROL = 'no-cache';

/** Vite's `[name]-[hash].[ext]`: a hash of 8 URL-safe characters before the extension. */
const HASHED_ASSET = /^\/?assets\/[^/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/u;

/** The Cache-Control header for a wizard file, by its path inside the build (`/assets/index-AbCd1234.js`, `/`). */
export function cacheControlForAsset(pathname: string): string {
  return HASHED_ASSET.test(pathname) ? IMMUTABLE_ASSET_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL;
}
