import type { TemporaryAccessPassRow } from './tap-tables';

/** Where a pass stands: usable, or why not. Revoked is told first, then used up, then past its lifetime. */
export type TapState = 'issued' | 'revoked' | 'used' | 'expired';

export function tapStateOf(row: Pick<TemporaryAccessPassRow, 'revoked_at' | 'one_time' | 'use_count' | 'expires_at'>,
  now: Date): TapState {
  if (row.revoked_at !== null) return 'revoked';
  if (row.one_time === 1 && row.use_count > 0) return 'used';
  if (now >= new Date(row.expires_at)) return 'expired';
  return 'issued';
}
