import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isStoreUnavailable } from '../../../src-server/src/store/store-unavailable';
import { freePort } from '../../browser/support/free-port';

// Which failures are "the database is not there" (STORE_UNAVAILABLE, 424) and which stay INTERNAL: classified by
// codes, so that a wrong query or a refused row is never passed off as an outage.
function sqlState(code: string): Error {
  return Object.assign(new Error('from the server'), { code });
}

describe('isStoreUnavailable', () => {
  it('is true for a refused connection, as pg reports it', async () => {
    const client = new pg.Client({ host: '127.0.0.1', port: await freePort(), user: 'postgres', connectionTimeoutMillis: 2000 });
    const refused = await client.connect().then(() => null, (error: unknown) => error);
    expect(isStoreUnavailable(refused)).toBe(true);
  });

  it('is true for a restart (admin shutdown, cannot connect now), a lost connection and a wrapped cause', () => {
    expect(isStoreUnavailable(sqlState('57P01'))).toBe(true);
    expect(isStoreUnavailable(sqlState('57P03'))).toBe(true);
    expect(isStoreUnavailable(sqlState('08006'))).toBe(true);
    expect(isStoreUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isStoreUnavailable(new Error('wrapped', { cause: sqlState('ECONNRESET') }))).toBe(true);
  });

  it('is false for what is this server\'s own fault or a refused row', () => {
    expect(isStoreUnavailable(sqlState('42601'))).toBe(false); // syntax error
    expect(isStoreUnavailable(sqlState('23505'))).toBe(false); // unique violation
    expect(isStoreUnavailable(sqlState('57014'))).toBe(false); // query cancelled
    expect(isStoreUnavailable(new Error('SQLITE_CONSTRAINT'))).toBe(false);
    expect(isStoreUnavailable('ECONNREFUSED')).toBe(false);
  });
});
