import { createHash, randomUUID } from 'node:crypto';
import type { MethodRegistrationRow, RegisteredMethodKind } from '../store/database-schema';
import { TenantRows } from '../store/rows';

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/**
 * The methods users registered beyond their directory's email and phone (security questions, authenticator app,
 * approver device). One row per user and kind; registering again replaces the earlier registration.
 */
export class MethodRegistrations extends TenantRows {
  find(userId: string, kind: RegisteredMethodKind): Promise<MethodRegistrationRow | undefined> {
    return this.db
      .selectFrom('method_registrations')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
  }

  /** Runs `register` unless the user has this kind registered already (a seed: what is there stays as it is). */
  async registerOnce(userId: string, kind: RegisteredMethodKind, register: () => Promise<unknown>): Promise<void> {
    if (!(await this.find(userId, kind))) await register();
  }

  findByLookupHash(kind: RegisteredMethodKind, lookupHash: string): Promise<MethodRegistrationRow | undefined> {
    return this.db
      .selectFrom('method_registrations')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('kind', '=', kind)
      .where('lookup_hash', '=', lookupHash)
      .executeTakeFirst();
  }

  async save(userId: string, kind: RegisteredMethodKind, data: string, lookupHash: string | null = null): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('method_registrations')
        .where('tenant_id', '=', this.tenantId)
        .where('user_id', '=', userId)
        .where('kind', '=', kind)
        .execute();
      await trx
        .insertInto('method_registrations')
        .values({
          id: randomUUID(),
          tenant_id: this.tenantId,
          user_id: userId,
          kind,
          data,
          lookup_hash: lookupHash,
          last_used_step: null,
          created_at: this.clock.now().toISOString(),
        })
        .execute();
    });
  }

  /** Removes the user's registration of this kind; false when there was none. */
  async remove(userId: string, kind: RegisteredMethodKind): Promise<boolean> {
    const result = await this.db
      .deleteFrom('method_registrations')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Records a TOTP time step as used, only if it is newer than the last one (one statement, so two parallel requests
   * with the same code cannot both win). False when the step was already used: a replay.
   */
  async useTimeStep(registrationId: string, step: number): Promise<boolean> {
    const result = await this.db
      .updateTable('method_registrations')
      .set({ last_used_step: step })
      .where('id', '=', registrationId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }
}
