import { BerWriter, Control } from 'ldapts';
import type { Client } from 'ldapts';
import { attribute, text } from './ad-lookup';
import { formatGuid } from './ad-guid';
import { formatSid } from './ad-sid';

/**
 * Whether the service account holds the Reset Password extended right on a user. allowedAttributesEffective lists
 * attribute writes only (lockoutTime, pwdLastSet), and sDRightsEffective covers the security descriptor itself, so
 * neither shows an extended right (on AD or Samba): the user's DACL is read (SD flags control, DACL only, which any
 * reader may) and its ACEs matched against the service account's SIDs (objectSid, tokenGroups, Everyone,
 * Authenticated Users). An approximation for a health check: deny ACEs win over allow ACEs whatever their order.
 */
export const RESET_PASSWORD_RIGHT = '00299570-246d-11d0-a768-00aa006e0529';
const SD_FLAGS_OID = '1.2.840.113556.1.4.801';
const DACL_SECURITY_INFORMATION = 0x4;
const ADS_RIGHT_DS_CONTROL_ACCESS = 0x100;
const GENERIC_ALL = 0x10000000;
const INHERIT_ONLY_ACE = 0x08;
const ACE_OBJECT_TYPE_PRESENT = 0x1;
const ACE_INHERITED_OBJECT_TYPE_PRESENT = 0x2;
const ALLOW = new Set([0x00, 0x05]);
const DENY = new Set([0x01, 0x06]);
const WELL_KNOWN = ['S-1-1-0', 'S-1-5-11'];

class SdFlagsControl extends Control {
  constructor() {
    super(SD_FLAGS_OID, { critical: true });
  }

  protected override writeControl(writer: BerWriter): void {
    const value = new BerWriter();
    value.startSequence();
    value.writeInt(DACL_SECURITY_INFORMATION);
    value.endSequence();
    writer.writeBuffer(value.buffer, 0x04);
  }
}

export type RightVerdict = 'granted' | 'denied' | 'absent' | 'unreadable';

export async function resetPasswordRight(client: Client, serviceDn: string, userDn: string): Promise<RightVerdict> {
  const [service, user] = await Promise.all([
    client.search(serviceDn, {
      scope: 'base',
      attributes: ['objectSid', 'tokenGroups'],
      explicitBufferAttributes: ['objectSid', 'tokenGroups'],
    }),
    client.search(userDn, {
      scope: 'base',
      attributes: ['nTSecurityDescriptor'],
      explicitBufferAttributes: ['nTSecurityDescriptor'],
    }, new SdFlagsControl()),
  ]);
  const serviceEntry = service.searchEntries[0];
  const sd = buffers(user.searchEntries[0] ? attribute(user.searchEntries[0], 'nTSecurityDescriptor') : undefined)[0];
  if (!serviceEntry || !sd) return 'unreadable';
  const sids = new Set([
    ...WELL_KNOWN,
    ...buffers(attribute(serviceEntry, 'objectSid')).concat(buffers(attribute(serviceEntry, 'tokenGroups')))
      .map(formatSid)
      .filter((sid): sid is string => sid !== null),
  ]);
  let allowed = false;
  for (const ace of daclAces(sd)) {
    if ((ace.flags & INHERIT_ONLY_ACE) !== 0 || !sids.has(ace.sid)) continue;
    const grants = (ace.mask & (ADS_RIGHT_DS_CONTROL_ACCESS | GENERIC_ALL)) !== 0
      && (ace.objectType === null || ace.objectType === RESET_PASSWORD_RIGHT);
    if (!grants) continue;
    if (DENY.has(ace.type)) return 'denied';
    if (ALLOW.has(ace.type)) allowed = true;
  }
  return allowed ? 'granted' : 'absent';
}

interface Ace {
  type: number;
  flags: number;
  mask: number;
  objectType: string | null;
  sid: string;
}

/** The ACEs of a self-relative security descriptor's DACL (MS-DTYP 2.4.6); none when it has no DACL. */
export function daclAces(sd: Buffer): Ace[] {
  if (sd.length < 20) return [];
  const daclOffset = sd.readUInt32LE(16);
  if (daclOffset === 0 || daclOffset + 8 > sd.length) return [];
  const count = sd.readUInt16LE(daclOffset + 4);
  const aces: Ace[] = [];
  let offset = daclOffset + 8;
  for (let index = 0; index < count && offset + 8 <= sd.length; index += 1) {
    const type = sd.readUInt8(offset);
    const flags = sd.readUInt8(offset + 1);
    const size = sd.readUInt16LE(offset + 2);
    if (size < 8 || offset + size > sd.length) break;
    const mask = sd.readUInt32LE(offset + 4);
    let body = offset + 8;
    let objectType: string | null = null;
    if (type === 0x05 || type === 0x06) {
      const objectFlags = sd.readUInt32LE(body);
      body += 4;
      if ((objectFlags & ACE_OBJECT_TYPE_PRESENT) !== 0) {
        objectType = formatGuid(sd.subarray(body, body + 16));
        body += 16;
      }
      if ((objectFlags & ACE_INHERITED_OBJECT_TYPE_PRESENT) !== 0) body += 16;
    }
    const sid = formatSid(sd.subarray(body, offset + size));
    if (sid) aces.push({ type, flags, mask, objectType, sid });
    offset += size;
  }
  return aces;
}

function buffers(value: unknown): Buffer[] {
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is Buffer => Buffer.isBuffer(item));
}

/** allowedAttributesEffective of an entry: the attributes the bound account may write there, lowercase. */
export async function writableAttributes(client: Client, dn: string): Promise<Set<string>> {
  const result = await client.search(dn, { scope: 'base', attributes: ['allowedAttributesEffective'] });
  const value = result.searchEntries[0] ? attribute(result.searchEntries[0], 'allowedAttributesEffective') : undefined;
  const names = Array.isArray(value) ? value.map((item) => String(item)) : [text(value) ?? ''];
  return new Set(names.filter((name) => name.length > 0).map((name) => name.toLowerCase()));
}
