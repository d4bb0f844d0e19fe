/**
 * Binary SIDs (objectSid, tokenGroups) and the well-known privileged groups that AD's AdminSDHolder protects. Samba
 * has no AdminSDHolder, so the adapter refuses these accounts itself, whatever the service account may write.
 */
export function formatSid(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const count = bytes[1] ?? 0;
  // Trailing bytes (an ACE padded to 4 bytes) are ignored.
  if (bytes.length < 8 + count * 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const authority = view.getUint16(2) * 2 ** 32 + view.getUint32(4);
  const subs = Array.from({ length: count }, (_, i) => view.getUint32(8 + i * 4, true));
  return ['S', bytes[0], authority, ...subs].join('-');
}

// BUILTIN\ Administrators, Account/Server/Print/Backup Operators, Replicator.
const BUILTIN_PRIVILEGED = new Set([544, 548, 549, 550, 551, 552]);
// Per domain: Administrator, krbtgt, Domain Admins, Domain Controllers, Schema Admins, Enterprise Admins, Read-only
// DCs, Key Admins, Enterprise Key Admins. Any domain's: a trusted domain's admins are no less privileged.
const DOMAIN_PRIVILEGED = new Set([500, 502, 512, 516, 518, 519, 521, 526, 527]);

export function isPrivilegedSid(sid: string): boolean {
  const parts = sid.split('-');
  if (parts[0] !== 'S' || parts[2] !== '5') return false;
  const rid = Number(parts[parts.length - 1]);
  if (parts[3] === '32' && parts.length === 5) return BUILTIN_PRIVILEGED.has(rid);
  return parts[3] === '21' && parts.length === 8 && DOMAIN_PRIVILEGED.has(rid);
}
