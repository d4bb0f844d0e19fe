import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { NewPasswordSchema, UsernameSchema } from '@resetdesk/shared';
import type { Clock } from '../../support/clock';
import type { NewUserRow } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import { normalizeUsername } from '../directory';
import { addUserToGroups } from './builtin-groups';
import type { PasswordHasher } from '../../support/password-hash';

/** One user to create in the built-in directory (the `users import` file is an array of these). */
export const BuiltinUserInputSchema = z
  .object({
    username: UsernameSchema,
    displayName: z.string().trim().min(1).max(256),
    email: z.email().max(320).optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    password: NewPasswordSchema.optional(),
    accountEnabled: z.boolean().default(true),
    enabledForReset: z.boolean().default(true),
    managedExternally: z.boolean().default(false),
    locked: z.boolean().default(false),
    // Group names (created when missing): reset policy uses them for "selected groups" and admin accounts.
    groups: z.array(z.string().trim().min(1).max(256)).max(100).default([]),
    // "User must change password at next sign-in": signs in only through a password change.
    mustChangePassword: z.boolean().default(false),
  })
  .strict();
export type BuiltinUserInput = z.input<typeof BuiltinUserInputSchema>;

export const BuiltinUserListSchema = z.array(BuiltinUserInputSchema).max(1_000_000);

export interface CreateUsersDeps {
  db: ResetDeskDb;
  tenantId: string;
  hasher: PasswordHasher;
  clock: Clock;
}

export interface CreateUsersResult {
  created: number;
  skipped: number;
}

// Hashing costs ~0.3 s and 128 MiB; Node's thread pool runs 4 scrypt jobs at once, so more would only queue.
const HASH_CONCURRENCY = 4;
// Rows per INSERT: one statement and one transaction per chunk keeps large imports (the benchmark's) fast, and
// 500 rows x 15 columns stays far below SQLite's limit on bound parameters.
const INSERT_CHUNK = 500;

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, () => worker()));
  return results;
}

/**
 * Creates users that do not exist yet (matched by normalised username) and leaves existing ones untouched, so
 * seeding and imports can be run again safely.
 */
export async function createBuiltinUsers(
  deps: CreateUsersDeps,
  inputs: readonly BuiltinUserInput[],
): Promise<CreateUsersResult> {
  const users = inputs.map((input) => BuiltinUserInputSchema.parse(input));
  const existing = new Set(
    (await deps.db.selectFrom('users').select('username').where('tenant_id', '=', deps.tenantId).execute()).map(
      (row) => row.username,
    ),
  );
  const pending = users.filter((user) => {
    const name = normalizeUsername(user.username);
    if (existing.has(name)) return false;
    existing.add(name);
    return true;
  });
  for (let start = 0; start < pending.length; start += INSERT_CHUNK) {
    const chunk = pending.slice(start, start + INSERT_CHUNK);
    const hashes = await mapWithConcurrency(chunk, HASH_CONCURRENCY, (user) =>
      user.password === undefined ? Promise.resolve(null) : deps.hasher.hash(user.password),
    );
    const now = deps.clock.now().toISOString();
    const rows: NewUserRow[] = chunk.map((user, index) => {
      const passwordHash = hashes[index] ?? null;
      return {
        id: randomUUID(),
        tenant_id: deps.tenantId,
        username: normalizeUsername(user.username),
        display_name: user.displayName,
        email: user.email?.toLowerCase() ?? null,
        phone: user.phone ?? null,
        password_hash: passwordHash,
        account_enabled: user.accountEnabled ? 1 : 0,
        enabled_for_reset: user.enabledForReset ? 1 : 0,
        managed_externally: user.managedExternally ? 1 : 0,
        locked_at: user.locked ? now : null,
        must_change_password: user.mustChangePassword ? 1 : 0,
        password_changed_at: passwordHash === null ? null : now,
        created_at: now,
      };
    });
    await deps.db.insertInto('users').values(rows).execute();
    for (const [index, user] of chunk.entries()) {
      const row = rows[index];
      if (row && user.groups.length > 0) await addUserToGroups(deps, row.id, user.groups);
    }
  }
  return { created: pending.length, skipped: users.length - pending.length };
}
