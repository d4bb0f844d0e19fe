import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { Client, ResultCodeError, type Control } from 'ldapts';
import { DirectoryError } from '../directory-error';
import type { LdapConnectionSettings } from './ldap-settings';

/** The connection settings with the service account's password already read (see config/secret-ref.ts). */
export type LdapConnectionParams = Omit<LdapConnectionSettings, 'bindPassword'> & { bindPassword: string };

/** What an operation may do: a write is never retried, since it may have been applied before the connection broke. */
export type LdapOperationKind = 'read' | 'write';

/**
 * The service account's kept connection to the directory, and short-lived connections bound as a person.
 *
 * - One service connection is shared by parallel requests (LDAP multiplexes by message id); parallel callers that find
 *   it missing wait for the same connect.
 * - Every connect and operation has a timeout; a server that cannot be reached, secured or bound is reported as
 *   DirectoryError('unavailable') and the next URL is tried on the next connect.
 * - After a dropped connection the next operation connects and binds again (ldapts would reconnect unbound); a read
 *   that fails on a connection that broke under it is retried once on a fresh one.
 * - A failed bind is always unbound, or its socket stays open (an ldapts quirk).
 */
export class LdapConnection {
  private service: Promise<Client> | null = null;
  private nextUrl = 0;

  constructor(private readonly params: LdapConnectionParams) {}

  /** Runs `operation` on the service account's connection. Result-code errors pass through for the adapter to map. */
  async withService<T>(kind: LdapOperationKind, operation: (client: Client) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.serviceClient());
    } catch (error) {
      if (!isConnectionFailure(error)) throw error;
      await this.dropService();
      if (kind === 'write') throw unavailable(error);
      try {
        return await operation(await this.serviceClient());
      } catch (retryError) {
        if (!isConnectionFailure(retryError)) throw retryError;
        await this.dropService();
        throw unavailable(retryError);
      }
    }
  }

  /**
   * Binds as `dn` with `password` on a connection of its own and runs `operation` on it (or only binds). The bind's
   * result-code error (49 for a wrong password) passes through; the connection is always closed. `bindControls` go
   * with the bind (the LDAP adapter's password-policy control, which tells a locked or must-change account).
   */
  async asPerson<T>(
    dn: string,
    password: string,
    operation?: (client: Client) => Promise<T>,
    bindControls?: Control[],
  ): Promise<T | undefined> {
    const client = await this.connect(this.nextUrl);
    try {
      await client.bind(dn, password, bindControls);
      return operation ? await operation(client) : undefined;
    } catch (error) {
      throw isConnectionFailure(error) ? unavailable(error) : error;
    } finally {
      await client.unbind().catch(() => undefined);
    }
  }

  /** Closes the service connection (server shutdown, tests). */
  async close(): Promise<void> {
    await this.dropService();
  }

  private serviceClient(): Promise<Client> {
    this.service ??= this.openService().catch((error: unknown) => {
      this.service = null;
      throw error;
    });
    return this.service;
  }

  private async openService(): Promise<Client> {
    let lastError: unknown = null;
    // Every URL once, starting with the one that last worked.
    for (let tried = 0; tried < this.params.urls.length; tried += 1) {
      const index = (this.nextUrl + tried) % this.params.urls.length;
      let client: Client | null = null;
      try {
        client = await this.connect(index);
        await client.bind(this.params.bindDn, this.params.bindPassword);
        this.nextUrl = index;
        return client;
      } catch (error) {
        await client?.unbind().catch(() => undefined);
        // A refused service bind is a configuration fault, not a person's: the directory is unusable until it is fixed.
        if (!isConnectionFailure(error)) {
          throw new DirectoryError('unavailable', `The service account bind was refused (${describe(error)})`, {
            cause: error,
          });
        }
        lastError = error;
      }
    }
    this.nextUrl = (this.nextUrl + 1) % this.params.urls.length;
    throw unavailable(lastError);
  }

  private async connect(index: number): Promise<Client> {
    const url = this.params.urls[index % this.params.urls.length] ?? '';
    const implicitTls = this.params.security === 'ldaps';
    const client = new Client({
      url,
      timeout: this.params.operationTimeoutMs,
      connectTimeout: this.params.connectTimeoutMs,
      // tlsOptions in the constructor force implicit TLS even for ldap:// (ldapts): only for ldaps.
      ...(implicitTls ? { tlsOptions: this.tlsOptions(url) } : {}),
    });
    if (this.params.security === 'starttls') {
      try {
        // startTLS mutates its options object: a fresh one every time.
        await client.startTLS(this.tlsOptions(url));
      } catch (error) {
        await client.unbind().catch(() => undefined);
        throw new DirectoryError('unavailable', `StartTLS with ${url} failed (${describe(error)})`, { cause: error });
      }
    }
    return client;
  }

  private tlsOptions(url: string): ConnectionOptions {
    const host = new URL(url).hostname.replace(/^\[(.*)\]$/u, '$1');
    return {
      ...(this.params.caFile ? { ca: readFileSync(this.params.caFile) } : {}),
      servername: /^[\d.:]+$/u.test(host) ? undefined : host,
      minVersion: 'TLSv1.2',
    };
  }

  private async dropService(): Promise<void> {
    const service = this.service;
    this.service = null;
    if (!service) return;
    const client = await service.catch(() => null);
    await client?.unbind().catch(() => undefined);
  }
}

/** Network-level failures (refused, reset, timed out, TLS): not an answer from the directory. */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof DirectoryError) return error.failure === 'unavailable';
  if (error instanceof ResultCodeError) return false;
  return error instanceof Error;
}

function unavailable(error: unknown): DirectoryError {
  if (error instanceof DirectoryError) return error;
  return new DirectoryError('unavailable', `The directory cannot be reached (${describe(error)})`, { cause: error });
}

/** A short description for the log: the error's class, code and message, which never hold a password. */
export function describe(error: unknown): string {
  if (error instanceof ResultCodeError) return `LDAP result ${error.code}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
