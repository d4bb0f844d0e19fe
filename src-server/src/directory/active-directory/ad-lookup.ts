import type { Client, Entry, Filter } from 'ldapts';
import { AndFilter, EqualityFilter, FilterParser, ResultCodeError } from 'ldapts';
import { normalizeUsername } from '../directory';
import { LDAP_SIZE_LIMIT_EXCEEDED } from '../ldap-common/ldap-result-codes';
import { escapeFilterValue } from '../ldap-common/ldap-escape';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import { formatGuid, parseGuid } from './ad-guid';
import type { ActiveDirectorySettings } from './ad-settings';

// A typed ID longer than any UPN AD allows (1024) is nobody's.
const MAX_TYPED = 1024;
// Only people: computers are objectClass=user too.
const PERSON = '(&(objectCategory=person)(objectClass=user)(!(objectClass=computer)))';
// Control characters are in nobody's name, and Samba cuts a filter value at an escaped NUL (`alice\00` finds alice).
// eslint-disable-next-line no-control-regex -- exactly the control characters are refused
const CONTROL = /[\u0000-\u001f\u007f]/u;

/** A user object as read by one subtree search: what findUser and the writes need. */
export interface AdUserEntry {
  dn: string;
  id: string;
  sam: string;
  upn: string | null;
  displayName: string | null;
  givenName: string | null;
  sn: string | null;
  mail: string | null;
  mobile: string | null;
  userAccountControl: number;
  adminCount: number;
}

/**
 * Finds user objects by what a stranger typed or by objectGUID. Every typed value is escaped (RFC 4515) and only
 * people match: objectCategory=person and objectClass=user, never a computer (computers are users to AD too).
 * Ambiguous input (two accounts match) finds nobody rather than a guess.
 */
export class AdLookup {
  private readonly netbios: ReadonlySet<string>;
  private readonly suffixes: ReadonlySet<string>;

  constructor(
    private readonly connection: LdapConnection,
    private readonly settings: ActiveDirectorySettings,
  ) {
    this.netbios = new Set(settings.netbiosNames.map((name) => name.toLowerCase()));
    this.suffixes = new Set(settings.upnSuffixes.map((suffix) => suffix.toLowerCase()));
  }

  /** The filter clause for a typed ID; null when it can name nobody (a foreign domain, a foreign UPN suffix). */
  clauseFor(typed: string): string | null {
    const name = normalizeUsername(typed);
    if (name.length === 0 || name.length > MAX_TYPED || CONTROL.test(name)) return null;
    const by = new Set(this.settings.findBy);
    const slash = name.indexOf('\\');
    if (slash >= 0) {
      // DOMAIN\name: only our own NetBIOS names, and the name part must be a plain sAMAccountName.
      const local = name.slice(slash + 1);
      if (!this.netbios.has(name.slice(0, slash)) || local.length === 0 || local.includes('\\')) return null;
      return by.has('sAMAccountName') ? `(sAMAccountName=${escapeFilterValue(local)})` : null;
    }
    const at = name.lastIndexOf('@');
    if (at >= 0) {
      const clauses: string[] = [];
      if (by.has('userPrincipalName') && at > 0 && this.suffixes.has(name.slice(at + 1))) {
        clauses.push(`(userPrincipalName=${escapeFilterValue(name)})`);
      }
      // A mail address may have any domain (people's addresses often differ from their UPN).
      if (by.has('mail') && at > 0) clauses.push(`(${this.settings.attributes.mail}=${escapeFilterValue(name)})`);
      if (clauses.length === 0) return null;
      return clauses.length === 1 ? (clauses[0] ?? null) : `(|${clauses.join('')})`;
    }
    return by.has('sAMAccountName') ? `(sAMAccountName=${escapeFilterValue(name)})` : null;
  }

  async findByTyped(typed: string): Promise<AdUserEntry | null> {
    const clause = this.clauseFor(typed);
    return clause ? this.findOne(FilterParser.parseString(clause)) : null;
  }

  async findById(userId: string): Promise<AdUserEntry | null> {
    const guid = parseGuid(userId);
    // A Filter object with the raw bytes: ldapts decodes a `\XX` filter string to characters, then sends them as
    // UTF-8, which turns every byte above 0x7f of a binary value into two.
    return guid ? this.findOne(new EqualityFilter({ attribute: 'objectGUID', value: Buffer.from(guid) })) : null;
  }

  /** Up to `limit` users, paged: the sample the decoy survey learns the tenant's method mix from. */
  async sample(limit: number): Promise<AdUserEntry[]> {
    const entries: Entry[] = [];
    await this.connection.withService('read', async (client: Client) => {
      entries.length = 0;
      const pages = client.searchPaginated(this.settings.connection.baseDn, {
        scope: 'sub',
        filter: PERSON,
        attributes: this.attributes(),
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: Math.min(limit, 200) },
      });
      for await (const page of pages) {
        entries.push(...page.searchEntries);
        if (entries.length >= limit) break;
      }
    });
    return entries.slice(0, limit).flatMap((entry) => this.toEntry(entry) ?? []);
  }

  private attributes(): string[] {
    const mapped = this.settings.attributes;
    return [
      'objectGUID', 'sAMAccountName', 'userPrincipalName', 'userAccountControl', 'adminCount',
      mapped.displayName, mapped.givenName, mapped.sn, mapped.mail, mapped.mobile,
    ];
  }

  private async findOne(clause: Filter): Promise<AdUserEntry | null> {
    const filter = new AndFilter({ filters: [FilterParser.parseString(PERSON), clause] });
    const attributes = this.attributes();
    const entries = await this.connection.withService('read', async (client: Client) => {
      try {
        const result = await client.search(this.settings.connection.baseDn, {
          scope: 'sub',
          filter,
          attributes,
          explicitBufferAttributes: ['objectGUID'],
          sizeLimit: 2,
        });
        return result.searchEntries;
      } catch (error) {
        if (error instanceof ResultCodeError && error.code === LDAP_SIZE_LIMIT_EXCEEDED) return [];
        throw error;
      }
    });
    const [entry] = entries;
    return entries.length === 1 && entry ? this.toEntry(entry) : null;
  }

  private toEntry(entry: Entry): AdUserEntry | null {
    const guid = attribute(entry, 'objectGUID');
    const bytes = Array.isArray(guid) ? guid[0] : guid;
    if (!Buffer.isBuffer(bytes) || bytes.length !== 16) return null;
    const mapped = this.settings.attributes;
    return {
      dn: entry.dn,
      id: formatGuid(bytes),
      sam: text(attribute(entry, 'sAMAccountName')) ?? '',
      upn: text(attribute(entry, 'userPrincipalName')),
      displayName: text(attribute(entry, mapped.displayName)),
      givenName: text(attribute(entry, mapped.givenName)),
      sn: text(attribute(entry, mapped.sn)),
      mail: text(attribute(entry, mapped.mail)),
      mobile: text(attribute(entry, mapped.mobile)),
      userAccountControl: Number(text(attribute(entry, 'userAccountControl')) ?? '0'),
      adminCount: Number(text(attribute(entry, 'adminCount')) ?? '0'),
    };
  }
}

/** An attribute of an entry by name, whatever case the server spelled it in (config may spell it otherwise). */
export function attribute(entry: Entry, name: string): Entry[string] | undefined {
  if (name in entry) return entry[name];
  const lower = name.toLowerCase();
  const key = Object.keys(entry).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : entry[key];
}

/** One string value of an attribute (the first), or null when it is absent or empty. */
export function text(value: Entry[string] | undefined): string | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return null;
  const string = Buffer.isBuffer(first) ? first.toString('utf8') : String(first);
  return string.length > 0 ? string : null;
}
