import { z } from 'zod';
import { ResetPolicySchema } from './reset-policy';
import type { ResetPolicy } from './reset-policy';
import { TenantRows } from '../store/rows';

/**
 * Policy settings changed with `resetdesk-server policy set`. They live in the database, on top of the policy file
 * (and RESETDESK_* variables): the file stays what configuration management deploys, the database holds what an
 * administrator changed since, with an audit row for every change, and every server instance sharing the database
 * sees the same settings. The effective policy is validated as a whole before a change is stored.
 */

// A dotted path of plain names: no brackets, no underscores, so `__proto__` and friends cannot be written.
export const PolicyKeySchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/u, 'a dotted policy key such as throttle.emails.max');

export interface PolicyOverride {
  key: string;
  value: unknown;
  updatedAt: string;
}

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
}

/** A value as typed on a command line: JSON when it parses (2, true, ["a"]), otherwise the text itself. */
export function parseCliValue(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `policy` with `value` at the dotted `key`; only own plain-object properties are descended into. */
export function withSetting(policy: unknown, key: string, value: unknown): Record<string, unknown> {
  const root: Record<string, unknown> = isPlainObject(policy) ? structuredClone(policy) : {};
  const parts = PolicyKeySchema.parse(key).split('.');
  let current = root;
  for (const part of parts.slice(0, -1)) {
    const next = Object.hasOwn(current, part) ? current[part] : undefined;
    const child: Record<string, unknown> = isPlainObject(next) ? next : {};
    current[part] = child;
    current = child;
  }
  current[parts[parts.length - 1] ?? ''] = value;
  return root;
}

/** The base policy with every override applied, validated as a whole. Throws PolicyError naming what is wrong. */
export function applyOverrides(base: ResetPolicy, overrides: readonly PolicyOverride[]): ResetPolicy {
  let merged: Record<string, unknown> = structuredClone(base) as unknown as Record<string, unknown>;
  for (const override of overrides) merged = withSetting(merged, override.key, override.value);
  const parsed = ResetPolicySchema.safeParse(merged);
  if (!parsed.success) {
    const keys = overrides.map((o) => o.key).join(', ');
    throw new PolicyError(`The policy with the database overrides (${keys}) is not valid:\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

export class PolicyOverrideStore extends TenantRows {
  async list(): Promise<PolicyOverride[]> {
    const rows = await this.db
      .selectFrom('policy_overrides')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .orderBy('key')
      .execute();
    return rows.map((row) => ({ key: row.key, value: JSON.parse(row.value_json) as unknown, updatedAt: row.updated_at }));
  }

  /** Validates the whole effective policy with the change, then stores it. Returns the new effective policy. */
  async set(base: ResetPolicy, key: string, value: unknown): Promise<ResetPolicy> {
    const parsedKey = PolicyKeySchema.safeParse(key);
    if (!parsedKey.success) throw new PolicyError(`Not a policy key: ${key}`);
    const others = (await this.list()).filter((o) => o.key !== key);
    const effective = applyOverrides(base, [...others, { key, value, updatedAt: '' }]);
    await this.db
      .insertInto('policy_overrides')
      .values({
        tenant_id: this.tenantId,
        key,
        value_json: JSON.stringify(value),
        updated_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'key']).doUpdateSet({
          value_json: JSON.stringify(value),
          updated_at: this.clock.now().toISOString(),
        }),
      )
      .execute();
    return effective;
  }

  /** Removes an override (the file's value, or the default, applies again). False when there was none. */
  async unset(key: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('policy_overrides')
      .where('tenant_id', '=', this.tenantId)
      .where('key', '=', key)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async effective(base: ResetPolicy): Promise<ResetPolicy> {
    return applyOverrides(base, await this.list());
  }
}
