import type { Client, Entry } from 'ldapts';
import { escapeFilterValue, fillFilter } from '../ldap-common/ldap-escape';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { allValues, firstRdnValue, firstValue } from './ldap-entries';
import { LDAP_SIZE_LIMIT_EXCEEDED, resultCode } from '../ldap-common/ldap-result-codes';
import { operationFailure } from './ldap-failures';
import type { LdapDirectorySettings } from './ldap-settings';

// Longer than any real user ID: a longer one is refused before it reaches the directory.
const MAX_USER_ID_LENGTH = 256;

/** ppolicy's operational attributes: returned only when asked for by name. */
export const PPOLICY_STATE_ATTRIBUTES = ['pwdAccountLockedTime', 'pwdReset', 'pwdPolicySubentry'];

/** Reads user entries and their groups as the service account. */
export class LdapUsers {
  constructor(
    private readonly connection: LdapConnection,
    private readonly settings: LdapDirectorySettings,
    private readonly log: (message: string) => void,
  ) {}

  /** The one entry the typed ID names, or null (none, several, or an ID no user could have). */
  async findByUserId(typed: string): Promise<Entry | null> {
    const userId = typed.trim().normalize('NFC');
    // A NUL or other control character is in no real user ID; escaped it could still never match, refused sooner.
    // eslint-disable-next-line no-control-regex -- control characters are what is refused
    if (userId === '' || userId.length > MAX_USER_ID_LENGTH || /[\u0000-\u001f\u007f]/u.test(userId)) return null;
    const filter = fillFilter(this.settings.userFilter, { user: userId });
    const entries = await this.search(filter, 'Finding a user');
    if (entries.length > 1) {
      // The filter is too wide for this directory: no one is chosen, and the administrator must narrow it.
      this.log(`LDAP: the user filter matched several entries (${entries.map((e) => e.dn).join('; ')}); none is used`);
      return null;
    }
    return entries[0] ?? null;
  }

  /** The entry whose stable id is `id`, or null. */
  async findById(id: string): Promise<Entry | null> {
    if (id === '' || id.length > MAX_USER_ID_LENGTH) return null;
    const entries = await this.search(`(${this.settings.idAttribute}=${escapeFilterValue(id)})`, 'Reading a user');
    return entries.length === 1 ? (entries[0] ?? null) : null;
  }

  /**
   * Up to `limit` user entries (the user filter with any ID), paged: the sample the decoy survey learns the tenant's
   * method mix from. A directory with more users is sampled by its first pages.
   */
  async sample(limit: number): Promise<Entry[]> {
    const filter = this.settings.userFilter.replace(/\{user\}/gu, '*');
    const entries: Entry[] = [];
    try {
      await this.connection.withService('read', async (client: Client) => {
        entries.length = 0;
        const pages = client.searchPaginated(this.settings.connection.baseDn, {
          scope: 'sub',
          filter,
          attributes: this.attributeList(),
          paged: { pageSize: Math.min(limit, 200) },
        });
        for await (const page of pages) {
          entries.push(...page.searchEntries);
          if (entries.length >= limit) break;
        }
      });
    } catch (error) {
      throw operationFailure(error, 'Listing users');
    }
    return entries.slice(0, limit);
  }

  /** The names of the groups `entry` is a direct member of. */
  async groupsOf(entry: Entry): Promise<string[]> {
    const groups = this.settings.groups;
    if ('memberOf' in groups) return allValues(entry, 'memberOf').map(firstRdnValue);
    const filter = fillFilter(groups.filter, {
      dn: entry.dn,
      user: firstValue(entry, this.settings.attributes.username) ?? '',
    });
    const found = await this.connection
      .withService('read', (client) =>
        client.search(groups.baseDn, { scope: 'sub', filter, attributes: [groups.nameAttribute] }),
      )
      .catch((error: unknown) => {
        throw operationFailure(error, 'Reading groups');
      });
    return found.searchEntries.flatMap((group) => allValues(group, groups.nameAttribute));
  }

  private async search(filter: string, during: string): Promise<Entry[]> {
    const attributes = this.attributeList();
    try {
      return await this.connection.withService('read', async (client: Client) => {
        const result = await client.search(this.settings.connection.baseDn, {
          scope: 'sub',
          filter,
          attributes,
          sizeLimit: 2,
        });
        return result.searchEntries;
      });
    } catch (error) {
      if (resultCode(error) === LDAP_SIZE_LIMIT_EXCEEDED) {
        this.log(`LDAP: the user filter matched more than one entry; none is used`);
        return [];
      }
      throw operationFailure(error, during);
    }
  }

  private attributeList(): string[] {
    const a = this.settings.attributes;
    const list = [this.settings.idAttribute, a.username, a.displayName, a.firstName, a.lastName, a.email, a.mobile];
    list.push(...PPOLICY_STATE_ATTRIBUTES);
    if ('memberOf' in this.settings.groups) list.push('memberOf');
    return [...new Set(list)];
  }
}
