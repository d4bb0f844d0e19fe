import { connect as netConnect } from 'node:net';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { connect as tlsConnect } from 'node:tls';
import { Client } from 'ldapts';
import type { HealthLine } from '../directory-health';
import { describe } from '../ldap-common/ldap-connection';
import type { LdapConnection } from '../ldap-common/ldap-connection';
import type { AdLookup } from './ad-lookup';
import type { AdMembership } from './ad-membership';
import { resetPasswordRight, writableAttributes } from './ad-rights';
import type { ActiveDirectorySettings } from './ad-settings';

export interface AdHealthParts {
  settings: ActiveDirectorySettings;
  connection: LdapConnection;
  lookup: AdLookup;
  membership: AdMembership;
}

const line = (check: string, ok: boolean, detail: string, hint?: string): HealthLine =>
  hint === undefined || ok ? { check, ok, detail } : { check, ok, detail, hint };

/**
 * `directory test` for Active Directory: connect and TLS for every URL, then bind, search base, and with a user ID
 * find the user, read their groups and lock state, and whether the service account may reset (Reset Password
 * right), unlock (write lockoutTime) and force a change (write pwdLastSet). Stops at the first broken basic step:
 * the later ones would only repeat its failure.
 */
export async function checkActiveDirectoryHealth(parts: AdHealthParts, user?: string): Promise<HealthLine[]> {
  const { settings, connection } = parts;
  const lines: HealthLine[] = [];
  for (const url of settings.connection.urls) {
    const reached = await checkConnect(url, settings.connection.connectTimeoutMs);
    lines.push(reached);
    if (!reached.ok) return lines;
    const secured = await checkTls(url, settings);
    lines.push(secured);
    if (!secured.ok) return lines;
  }
  let context = '';
  try {
    const root = await connection.withService('read', (client) =>
      client.search('', { scope: 'base', attributes: ['defaultNamingContext', 'dnsHostName'] }));
    const entry = root.searchEntries[0];
    context = String(entry?.defaultNamingContext ?? '');
    lines.push(line('bind', true, `bound as ${settings.connection.bindDn} on ${String(entry?.dnsHostName ?? '?')}`));
  } catch (error) {
    lines.push(line('bind', false, describe(error),
      'Check connection.bindDn and the service account password (its file or environment variable).'));
    return lines;
  }
  try {
    await connection.withService('read', (client) =>
      client.search(settings.connection.baseDn, { scope: 'base', attributes: ['1.1'] }));
    lines.push(line('search', true, `base ${settings.connection.baseDn} readable`));
  } catch (error) {
    lines.push(line('search', false, describe(error),
      `connection.baseDn must exist and be readable by the service account (the domain is ${context || 'unknown'}).`));
    return lines;
  }
  if (user === undefined) return lines;
  try {
    lines.push(...(await checkUser(parts, user)));
  } catch (error) {
    const hint = 'The directory failed while reading the user; run the test again.';
    lines.push(line('find user', false, describe(error), hint));
  }
  return lines;
}

async function checkUser(parts: AdHealthParts, typed: string): Promise<HealthLine[]> {
  const { settings, connection, lookup, membership } = parts;
  const entry = await lookup.findByTyped(typed);
  if (!entry) {
    return [line('find user', false, `no person matches ${JSON.stringify(typed.slice(0, 100))}`,
      'Check findBy, upnSuffixes and netbiosNames, and that the user is below connection.baseDn.')];
  }
  const lines: HealthLine[] = [];
  const state = await membership.state(entry);
  lines.push(line('find user', true, [
    `${entry.dn} (objectGUID ${entry.id})`,
    (entry.userAccountControl & 2) === 0 ? 'enabled' : 'disabled',
    state.protectedBy === null ? 'not protected' : `protected: ${state.protectedBy}`,
    state.inResetGroups ? 'in the reset groups' : 'not in the reset groups',
  ].join('; ')));
  await membership.groupNames(entry.dn).then(
    (groups) => {
      const names = groups.length > 0 ? `: ${groups.slice(0, 10).join(', ')}` : '';
      lines.push(line('groups', true, `${groups.length} groups${names}`));
    },
    (error: unknown) => {
      lines.push(line('groups', false, describe(error), 'The service account must read group membership.'));
    },
  );
  const since = state.lock.lockedAt?.toISOString() ?? 'an unknown time';
  lines.push(line('lock state', true, state.lock.locked ? `locked since ${since}` : 'not locked'));
  await connection.withService('read', async (client) => {
    const verdict = await resetPasswordRight(client, settings.connection.bindDn, entry.dn);
    lines.push(line('reset right', verdict === 'granted', `Reset Password extended right: ${verdict}`,
      'Delegate "Reset password" on the users\' OU to the service account (see the README).'));
    const writable = await writableAttributes(client, entry.dn);
    lines.push(line('unlock right', writable.has('lockouttime'), writable.has('lockouttime')
      ? 'may write lockoutTime' : 'may not write lockoutTime',
    'Delegate "Write lockoutTime" on user objects to the service account.'));
    if (settings.forceChangeAfterReset) {
      lines.push(line('force change right', writable.has('pwdlastset'), writable.has('pwdlastset')
        ? 'may write pwdLastSet' : 'may not write pwdLastSet',
      'forceChangeAfterReset needs "Write pwdLastSet" on user objects for the service account.'));
    }
  }).catch((error: unknown) => lines.push(line('rights', false, describe(error), 'The rights could not be read.')));
  return lines;
}

function hostAndPort(url: string): { host: string; port: number } {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/u, '$1');
  return { host, port: parsed.port ? Number(parsed.port) : url.startsWith('ldaps://') ? 636 : 389 };
}

function checkConnect(url: string, timeoutMs: number): Promise<HealthLine> {
  const { host, port } = hostAndPort(url);
  return new Promise((resolve) => {
    const socket = netConnect({ host, port, timeout: timeoutMs });
    const done = (result: HealthLine): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('connect', () => done(line('connect', true, `${host}:${port} reachable`)));
    socket.once('timeout', () => done(line('connect', false, `${host}:${port} did not answer within ${timeoutMs} ms`,
      'Is the domain controller running, and is the port open from this server?')));
    socket.once('error', (error) => done(line('connect', false, `${host}:${port}: ${describe(error)}`,
      `Is the domain controller running, and is ${port} (636 for LDAPS, 389 for StartTLS) open from this server?`)));
  });
}

async function checkTls(url: string, settings: ActiveDirectorySettings): Promise<HealthLine> {
  const { security, caFile, connectTimeoutMs } = settings.connection;
  if (security === 'none') return line('tls', true, 'no TLS (loopback only); AD refuses a simple bind without it');
  const { host, port } = hostAndPort(url);
  let options: ConnectionOptions;
  try {
    options = {
      ...(caFile ? { ca: readFileSync(caFile) } : {}),
      servername: /^[\d.:]+$/u.test(host) ? undefined : host,
      minVersion: 'TLSv1.2',
    };
  } catch (error) {
    return line('tls', false, describe(error), 'connection.caFile cannot be read.');
  }
  const hint = tlsHint(caFile !== undefined);
  if (security === 'starttls') {
    const client = new Client({ url, connectTimeout: connectTimeoutMs, timeout: connectTimeoutMs });
    try {
      await client.startTLS(options);
      return line('tls', true, `StartTLS on ${host}:${port}, certificate verified`);
    } catch (error) {
      return line('tls', false, `StartTLS on ${host}:${port}: ${describe(error)}`, hint);
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port, timeout: connectTimeoutMs, ...options });
    const done = (result: HealthLine): void => {
      socket.destroy();
      resolve(result);
    };
    socket.once('secureConnect', () => {
      const subject = socket.getPeerCertificate().subject?.CN ?? '?';
      const protocol = socket.getProtocol() ?? 'TLS';
      done(line('tls', true, `LDAPS on ${host}:${port}, ${protocol}, certificate ${subject} verified`));
    });
    socket.once('timeout', () => done(line('tls', false, `no TLS handshake with ${host}:${port}`, hint)));
    socket.once('error', (error) => done(line('tls', false, `LDAPS on ${host}:${port}: ${describe(error)}`, hint)));
  });
}

function tlsHint(hasCa: boolean): string {
  return hasCa
    ? 'The certificate is not signed by connection.caFile, or does not name the host in the URL.'
    : 'Set connection.caFile to the PEM of the CA that signed the domain controller\'s certificate.';
}

