import { PostgresAdapter, sql } from 'kysely';
import type { CreateTableBuilder, Kysely, RawBuilder, SelectQueryBuilder } from 'kysely';

/** The SQL a store speaks: SQLite (the embedded default) or PostgreSQL (several instances on one database). */
export type StoreDialect = 'sqlite' | 'postgres';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: migrations see Kysely<unknown>
type AnyKysely = Kysely<any>;

/** Which of the two the database behind `db` is (its adapter says; migrations get no other hint). */
export function dialectOf(db: AnyKysely): StoreDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The few places where the two differ, in one object, so that a migration or a query states what it needs (an
 * auto-numbered id, a claim that skips rows another worker holds) instead of testing the dialect itself.
 */
export interface DialectSql {
  readonly name: StoreDialect;
  /** Adds an auto-numbered integer primary key `id` (SQLite: INTEGER PRIMARY KEY AUTOINCREMENT; PostgreSQL: identity). */
  autoId<TB extends string, C extends string>(table: CreateTableBuilder<TB, C>): CreateTableBuilder<TB, C | 'id'>;
  /**
   * A subquery that picks rows to claim: on PostgreSQL it locks them and skips those another transaction holds, so two
   * workers never pick the same row (SQLite writes one at a time, so its single UPDATE is already exclusive).
   */
  claim<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
  /** The scalar larger-of-two function (SQLite's two-argument max; PostgreSQL's max is an aggregate only). */
  readonly greatest: 'max' | 'greatest';
  /**
   * A tie-break for rows that share a timestamp, in insertion order: SQLite's rowid; PostgreSQL has none, and ctid
   * (the row's place in the table) follows insertion for rows not updated since, which is what the callers order.
   */
  readonly insertionOrder: RawBuilder<unknown>;
  /** Statements that make `table` append-only in the database itself (no UPDATE, DELETE, or TRUNCATE on PostgreSQL). */
  appendOnly(table: string): RawBuilder<unknown>[];
}

const SQLITE: DialectSql = {
  name: 'sqlite',
  autoId: (table) => table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  claim: (query) => query,
  greatest: 'max',
  insertionOrder: sql`rowid`,
  appendOnly: (table) =>
    ['update', 'delete'].map(
      (what) => sql`CREATE TRIGGER ${sql.id(`${table}_no_${what}`)} BEFORE ${sql.raw(what.toUpperCase())} ON ${sql.id(table)}
        BEGIN SELECT RAISE(ABORT, ${sql.lit(`${table} is append-only`)}); END`,
    ),
};

const POSTGRES: DialectSql = {
  name: 'postgres',
  // bigint, so a busy table's ids never run out; the store's type parser hands them over as numbers.
  autoId: (table) => table.addColumn('id', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()),
  claim: (query) => query.forUpdate().skipLocked(),
  greatest: 'greatest',
  insertionOrder: sql`ctid`,
  appendOnly: (table) => {
    const refuse = sql.id(`${table}_append_only`);
    return [
      sql`CREATE FUNCTION ${refuse}() RETURNS trigger LANGUAGE plpgsql AS ${sql.lit(
        `BEGIN RAISE EXCEPTION '${table} is append-only'; END`,
      )}`,
      sql`CREATE TRIGGER ${sql.id(`${table}_no_update`)} BEFORE UPDATE ON ${sql.id(table)}
        FOR EACH ROW EXECUTE FUNCTION ${refuse}()`,
      sql`CREATE TRIGGER ${sql.id(`${table}_no_delete`)} BEFORE DELETE OR TRUNCATE ON ${sql.id(table)}
        FOR EACH STATEMENT EXECUTE FUNCTION ${refuse}()`,
    ];
  },
};

export function dialectSql(db: AnyKysely): DialectSql {
  return dialectOf(db) === 'postgres' ? POSTGRES : SQLITE;
}
