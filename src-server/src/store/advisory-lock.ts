import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { KeyedLock } from '../support/keyed-mutex';

/**
 * KeyedLock across every server instance on one PostgreSQL database: a transaction-scoped advisory lock on the key,
 * held while the task runs and released at its end, or by the database when the holder's connection dies (a
 * killed instance never leaves a flow locked). An advisory lock rather than SELECT ... FOR UPDATE on the flow row:
 * the task's queries run on other connections, outside this transaction, and would wait on a row lock held by their
 * own request (the flow's update) forever; an advisory lock locks only the key. The key is hashed to the lock's
 * 64-bit id with a namespace, so another user of advisory locks (Kysely's migration lock) does not collide.
 */
export class AdvisoryLock implements KeyedLock {
  private readonly db: Kysely<unknown>;
  private readonly namespace: string;

  constructor(db: Kysely<unknown>, namespace: string) {
    this.db = db;
    this.namespace = namespace;
  }

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`${this.namespace}:${key}`}, 0))`.execute(trx);
      return task();
    });
  }
}
