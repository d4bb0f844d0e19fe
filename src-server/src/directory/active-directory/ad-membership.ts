import type { Client } from 'ldapts';
import type { LockState } from '../directory';
import { escapeFilterValue } from '../ldap-common/ldap-escape';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { attribute, text } from './ad-lookup';
import type { AdUserEntry } from './ad-lookup';
import type { ActiveDirectorySettings } from './ad-settings';
import { formatSid, isPrivilegedSid } from './ad-sid';

// LDAP_MATCHING_RULE_IN_CHAIN: membership through nested groups, evaluated by the domain controller.
export const IN_CHAIN = '1.2.840.113556.1.4.1941';
// msDS-User-Account-Control-Computed: UF_LOCKOUT (userAccountControl's own bit is never set by AD).
const UF_LOCKOUT = 0x10;
// userAccountControl: ACCOUNTDISABLE.
export const UF_ACCOUNTDISABLE = 0x2;
const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n;

export interface AdAccountState {
  lock: LockState;
  // Why the account is protected (for the log), or null.
  protectedBy: string | null;
  inResetGroups: boolean;
}

/** A FILETIME (100 ns since 1601) as a Date; null for 0, absent or unreadable (never set / not locked). */
export function filetimeToDate(value: string | null): Date | null {
  if (value === null || !/^\d+$/u.test(value) || BigInt(value) === 0n) return null;
  return new Date(Number(BigInt(value) / 10_000n - FILETIME_EPOCH_OFFSET_MS));
}

/**
 * What findUser and the writes need beyond the subtree search: the lock state and tokenGroups (constructed
 * attributes, readable only with a base-scope search) and nested group membership by the in-chain rule.
 */
export class AdMembership {
  constructor(
    private readonly connection: LdapConnection,
    private readonly settings: ActiveDirectorySettings,
  ) {}

  async state(entry: AdUserEntry): Promise<AdAccountState> {
    return this.connection.withService('read', async (client) => {
      const [computed, inProtected, inReset] = await Promise.all([
        readComputed(client, entry.dn),
        this.memberOfAny(client, entry.dn, this.settings.protectedGroups),
        this.settings.resetGroups ? this.memberOfAny(client, entry.dn, this.settings.resetGroups) : true,
      ]);
      let protectedBy: string | null = null;
      if (entry.adminCount === 1) protectedBy = 'adminCount = 1';
      else if (computed.privilegedSid) protectedBy = `a member of the privileged group ${computed.privilegedSid}`;
      // Every account has its primary group in tokenGroups: none means we could not read it, so protect (fail closed).
      else if (computed.sids.length === 0) protectedBy = 'tokenGroups could not be read';
      else if (inProtected) protectedBy = 'a member of a protected group';
      return { lock: computed.lock, protectedBy, inResetGroups: inReset };
    });
  }

  async lockState(dn: string): Promise<LockState> {
    return this.connection.withService('read', async (client) => (await readComputed(client, dn)).lock);
  }

  /**
   * The names (cn) of every group the user is in, nested ones included (the primary group is not listed); with
   * `among`, of those groups only. The cn clauses narrow the domain controller's work to the few groups named before
   * it walks nested membership: over every group, that walk was the slowest search of a reset step (5 ms on Samba).
   */
  async groupNames(dn: string, among?: readonly string[]): Promise<string[]> {
    if (among?.length === 0) return [];
    const named = among ? `(|${among.map((name) => `(cn=${escapeFilterValue(name)})`).join('')})` : '';
    return this.connection.withService('read', async (client) => {
      const result = await client.search(this.settings.connection.baseDn, {
        scope: 'sub',
        filter: `(&(objectClass=group)${named}(member:${IN_CHAIN}:=${escapeFilterValue(dn)}))`,
        attributes: ['cn'],
      });
      return result.searchEntries.map((group) => text(attribute(group, 'cn')) ?? '').filter((name) => name.length > 0);
    });
  }

  private async memberOfAny(client: Client, dn: string, groups: readonly string[]): Promise<boolean> {
    if (groups.length === 0) return false;
    const clauses = groups.map((group) => `(memberOf:${IN_CHAIN}:=${escapeFilterValue(group)})`).join('');
    const result = await client.search(dn, { scope: 'base', filter: `(|${clauses})`, attributes: ['1.1'] });
    return result.searchEntries.length > 0;
  }
}

interface ComputedState {
  lock: LockState;
  sids: string[];
  privilegedSid: string | null;
}

async function readComputed(client: Client, dn: string): Promise<ComputedState> {
  const result = await client.search(dn, {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: ['msDS-User-Account-Control-Computed', 'lockoutTime', 'tokenGroups', 'objectSid'],
    explicitBufferAttributes: ['tokenGroups', 'objectSid'],
  });
  const [entry] = result.searchEntries;
  if (!entry) throw new Error(`${dn} vanished between two reads`);
  const computed = Number(text(attribute(entry, 'msDS-User-Account-Control-Computed')) ?? '0');
  const locked = (computed & UF_LOCKOUT) !== 0;
  const lockedAt = locked ? filetimeToDate(text(attribute(entry, 'lockoutTime'))) : null;
  const sidsOf = (name: string): string[] =>
    toBuffers(attribute(entry, name)).map(formatSid).filter((sid): sid is string => sid !== null);
  const groupSids = sidsOf('tokenGroups');
  return {
    lock: { locked, lockedAt },
    sids: groupSids,
    // The account's own SID too: Administrator (500) and krbtgt (502).
    privilegedSid: [...sidsOf('objectSid'), ...groupSids].find(isPrivilegedSid) ?? null,
  };
}

function toBuffers(value: unknown): Buffer[] {
  const values: unknown[] = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.filter((item): item is Buffer => Buffer.isBuffer(item));
}
