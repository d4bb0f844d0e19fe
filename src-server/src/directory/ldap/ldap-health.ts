import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Attribute, Change, Client, type Entry } from 'ldapts';
import type { HealthLine } from '../directory-health';
import { describe, type LdapConnection } from '../ldap-common/ldap-connection';
import { LDAP_COMPARE_FALSE, LDAP_COMPARE_TRUE, LDAP_INSUFFICIENT_ACCESS, LDAP_NO_SUCH_ATTRIBUTE, resultCode } from '../ldap-common/ldap-result-codes';
import { PASSWORD_MODIFY_OID, PPOLICY_CONTROL_OID } from './ldap-ppolicy';
import type { LdapDirectorySettings } from './ldap-settings';
import { allValues } from './ldap-entries';

export interface LdapHealthParams {
  settings: LdapDirectorySettings;
  bindPassword: string;
  connection: LdapConnection;
  findUser: (user: string) => Promise<Entry | null>;
  groupsOf: (entry: Entry) => Promise<string[]>;
  user: string | undefined;
}

const fail = (check: string, detail: string, hint: string): HealthLine => ({ check, ok: false, detail, hint });
const pass = (check: string, detail: string): HealthLine => ({ check, ok: true, detail });

/**
 * `directory test` for LDAP, one line per check, stopping where the next check could not mean anything. The rights
 * are tested as PWM does, without writing: a delete of a value the entry does not have is refused with 50 when the
 * service account may not write the attribute, and with 16 (no such value) when it may; either way nothing changes.
 */
export async function checkLdapHealth(params: LdapHealthParams): Promise<HealthLine[]> {
  const { settings } = params;
  const c = settings.connection;
  const url = c.urls[0] ?? '';
  const lines: HealthLine[] = [];
  const tcp = await tcpConnect(url, c.connectTimeoutMs);
  lines.push(tcp === null ? pass('connect', `${url} accepts connections`) : fail('connect', `${url}: ${tcp}`,
    'Check the host name and port in connection.urls, and that a firewall lets this server through'));
  if (tcp !== null) return lines;

  let client: Client;
  try {
    client = new Client({
      url,
      timeout: c.operationTimeoutMs,
      connectTimeout: c.connectTimeoutMs,
      ...(c.security === 'ldaps' ? { tlsOptions: tlsOptions(url, c.caFile) } : {}),
    });
  } catch (error) {
    lines.push(fail('TLS', describe(error), 'Check connection.caFile: it must be a readable PEM file'));
    return lines;
  }
  try {
    const tls = await checkTls(client, url, settings);
    lines.push(tls);
    if (!tls.ok) return lines;
    try {
      await client.bind(c.bindDn, params.bindPassword);
      lines.push(pass('bind', `bound as ${c.bindDn}`));
    } catch (error) {
      lines.push(fail('bind', `${c.bindDn}: ${describe(error)}`,
        'Check connection.bindDn and the service account password (its file or environment variable)'));
      return lines;
    }
    lines.push(await checkServerFeatures(client));
    try {
      await client.search(c.baseDn, { scope: 'base', attributes: ['1.1'] });
      lines.push(pass('search base', `${c.baseDn} exists and is readable`));
    } catch (error) {
      lines.push(fail('search base', `${c.baseDn}: ${describe(error)}`,
        'Check connection.baseDn, and that the service account may read it'));
      return lines;
    }
  } finally {
    await client.unbind().catch(() => undefined);
  }
  if (params.user === undefined) {
    lines.push(pass('find user', 'skipped: give a user ID (--user) to check finding a user, groups and rights'));
    return lines;
  }
  return [...lines, ...(await checkUser(params, params.user))];
}

async function checkUser(params: LdapHealthParams, user: string): Promise<HealthLine[]> {
  const lines: HealthLine[] = [];
  let entry: Entry | null;
  try {
    entry = await params.findUser(user);
  } catch (error) {
    return [fail('find user', describe(error), 'Check userFilter: it must be a valid LDAP filter')];
  }
  if (!entry) {
    return [fail('find user', `no single entry matches ${JSON.stringify(user)}`,
      'Check userFilter and connection.baseDn; the filter must match exactly one entry')];
  }
  const id = allValues(entry, params.settings.idAttribute)[0];
  lines.push(id === undefined
    ? fail('find user', `${entry.dn} has no ${params.settings.idAttribute}`,
      'idAttribute must name an attribute every user has (entryUUID on OpenLDAP)')
    : pass('find user', `${entry.dn} (${params.settings.idAttribute} ${id})`));
  try {
    const groups = await params.groupsOf(entry);
    lines.push(pass('read groups', groups.length > 0 ? groups.join(', ') : 'member of no group'));
  } catch (error) {
    lines.push(fail('read groups', describe(error), 'Check the groups settings (memberOf needs the memberof overlay)'));
  }
  const on = { connection: params.connection, dn: entry.dn };
  lines.push(await checkRight({ ...on, attribute: 'userPassword', check: 'may reset passwords',
    hint: 'Grant the service account write (or manage) on userPassword' }));
  lines.push(await checkRight({ ...on, attribute: 'pwdAccountLockedTime', check: 'may unlock',
    hint: 'Grant the service account manage on pwdAccountLockedTime (ppolicy)' }));
  lines.push(await checkCompare({ ...on, attribute: 'pwdAccountLockedTime', check: 'may read lock state',
    hint: 'Grant the service account read on pwdAccountLockedTime' }));
  return lines;
}

async function checkTls(client: Client, url: string, settings: LdapDirectorySettings): Promise<HealthLine> {
  const c = settings.connection;
  if (c.security === 'none') return pass('TLS', 'not used (loopback only)');
  try {
    if (c.security === 'starttls') await client.startTLS(tlsOptions(url, c.caFile));
    else await client.search('', { scope: 'base', attributes: ['1.1'] });
    return pass('TLS', `${c.security}: the certificate is trusted${c.caFile ? ` (CA ${c.caFile})` : ''}`);
  } catch (error) {
    return fail('TLS', `${c.security}: ${describe(error)}`,
      'Check connection.caFile (the CA that signed the directory certificate) and that the host name matches it');
  }
}

async function checkServerFeatures(client: Client): Promise<HealthLine> {
  try {
    const root = await client.search('', { scope: 'base', attributes: ['supportedControl', 'supportedExtension'] });
    const dse = root.searchEntries[0];
    const exop = dse ? allValues(dse, 'supportedExtension').includes(PASSWORD_MODIFY_OID) : false;
    const ppolicy = dse ? allValues(dse, 'supportedControl').includes(PPOLICY_CONTROL_OID) : false;
    if (!exop) return fail('server features', 'no Password Modify operation (RFC 3062)', 'The server cannot reset');
    return ppolicy
      ? pass('server features', 'Password Modify and the password policy control')
      : fail('server features', 'no password policy control', 'Load the ppolicy overlay: lockout and named refusals');
  } catch (error) {
    return fail('server features', describe(error), 'The root DSE could not be read');
  }
}

/** A value of `attribute` that no entry holds (a lock time must be a valid GeneralizedTime). */
function probeValue(attribute: string): string {
  return attribute === 'pwdAccountLockedTime' ? '19700101000000Z' : `health-${randomBytes(12).toString('hex')}`;
}

/** One right to probe on one entry: the health line's name and the hint when it is missing. */
interface RightProbe {
  connection: LdapConnection;
  dn: string;
  attribute: string;
  check: string;
  hint: string;
}

async function checkRight({ connection, dn, attribute, check, hint }: RightProbe): Promise<HealthLine> {
  // A random value no entry has: the delete can only fail, and how it fails tells the right.
  const value = probeValue(attribute);
  const change = new Change({ operation: 'delete', modification: new Attribute({ type: attribute, values: [value] }) });
  try {
    await connection.withService('read', (client) => client.modify(dn, change));
    return fail(check, `a delete of a random ${attribute} value succeeded`, 'Unexpected: check the entry by hand');
  } catch (error) {
    const code = resultCode(error);
    if (code === LDAP_NO_SUCH_ATTRIBUTE) return pass(check, `write on ${attribute}`);
    if (code === LDAP_INSUFFICIENT_ACCESS) return fail(check, `no write on ${attribute}`, hint);
    return fail(check, `${attribute}: ${describe(error)}`, hint);
  }
}

async function checkCompare({ connection, dn, attribute, check, hint }: RightProbe): Promise<HealthLine> {
  const value = probeValue(attribute);
  try {
    await connection.withService('read', (client) => client.compare(dn, attribute, value));
    return pass(check, `compare on ${attribute}`);
  } catch (error) {
    const code = resultCode(error);
    if (code === LDAP_COMPARE_FALSE || code === LDAP_COMPARE_TRUE || code === LDAP_NO_SUCH_ATTRIBUTE) {
      return pass(check, `compare on ${attribute}`);
    }
    return fail(check, `${attribute}: ${describe(error)}`, hint);
  }
}

function tcpConnect(url: string, timeoutMs: number): Promise<string | null> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/u, '$1');
  const port = Number(parsed.port || (parsed.protocol === 'ldaps:' ? 636 : 389));
  return new Promise((resolve) => {
    const socket = netConnect({ host, port, timeout: timeoutMs });
    const done = (result: string | null): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(null));
    socket.once('timeout', () => done(`no answer within ${timeoutMs} ms`));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

function tlsOptions(url: string, caFile: string | undefined): ConnectionOptions {
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/u, '$1');
  return {
    ...(caFile ? { ca: readFileSync(caFile) } : {}),
    servername: /^[\d.:]+$/u.test(host) ? undefined : host,
    minVersion: 'TLSv1.2',
  };
}
