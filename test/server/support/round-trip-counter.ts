import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import pg from 'pg';

/**
 * Counts the store's round trips (every statement sent to PostgreSQL, every statement SQLite runs) made inside
 * `measure()`, by wrapping the drivers themselves: pg's Client.query and better-sqlite3's Statement methods. Only
 * work started inside the measured call counts (AsyncLocalStorage), so background workers do not blur the numbers.
 * Each round trip is kept as a label (the statement's verb and first table) to compare the shape, not only the count.
 */
export interface RoundTrips {
  measure<T>(task: () => Promise<T>): Promise<{ result: T; trips: string[] }>;
  restore(): void;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

function labelOf(text: string): string {
  const words = text.trim().replace(/\s+/gu, ' ').toLowerCase();
  const verb = words.split(' ')[0] ?? '?';
  const table = /(?:from|into|update|table)\s+"?([a-z_]+)"?/u.exec(words)?.[1];
  return table ? `${verb} ${table}` : verb;
}

function sqlOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && 'text' in arg && typeof arg.text === 'string') return arg.text;
  return '?';
}

export function countRoundTrips(): RoundTrips {
  const context = new AsyncLocalStorage<string[]>();
  const restores: (() => void)[] = [];
  const wrap = (target: Record<string, unknown>, name: string, sql: (self: unknown, args: unknown[]) => string) => {
    const original = target[name] as Method;
    target[name] = function (this: unknown, ...args: unknown[]) {
      context.getStore()?.push(labelOf(sql(this, args)));
      return original.apply(this, args);
    };
    restores.push(() => {
      target[name] = original;
    });
  };
  wrap(pg.Client.prototype as unknown as Record<string, unknown>, 'query', (_self, args) => sqlOf(args[0]));
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (file: string) => {
    prepare(sql: string): object;
    close(): void;
  };
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  for (const name of ['run', 'get', 'all', 'iterate']) {
    wrap(statement, name, (self) => String((self as { source?: string }).source ?? '?'));
  }
  return {
    async measure(task) {
      const trips: string[] = [];
      const result = await context.run(trips, task);
      return { result, trips };
    },
    restore() {
      for (const restore of restores.splice(0)) restore();
    },
  };
}
