import { TenantRows } from '../store/rows';
import { registrationDb } from './registration-tables';

export interface SecurityInfoProfile {
  defaultMethodId: string | null;
  confirmedAt: Date | null;
}

/**
 * Per person: the security-info item chosen as the default method, and when the security info was last saved or
 * confirmed (what the policy's reconfirmation interval counts from). One row per person, written on change only.
 */
export class SecurityInfoProfiles extends TenantRows {
  async get(userId: string): Promise<SecurityInfoProfile> {
    const row = await registrationDb(this.db)
      .selectFrom('security_info_profiles')
      .select(['default_method_id', 'confirmed_at'])
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return {
      defaultMethodId: row?.default_method_id ?? null,
      confirmedAt: row?.confirmed_at ? new Date(row.confirmed_at) : null,
    };
  }

  async setDefault(userId: string, methodId: string | null): Promise<void> {
    await this.upsert(userId, { default_method_id: methodId });
  }

  async confirm(userId: string): Promise<void> {
    await this.upsert(userId, { confirmed_at: this.clock.now().toISOString() });
  }

  /**
   * A starting point for the reconfirmation interval of someone with no confirmation on record (seeded, imported,
   * registered before it was kept): now, only while there is none. One statement (insert, or update where still
   * null), so of parallel sign-ins the first date stays and a recorded confirmation is never moved.
   */
  async startIfNone(userId: string): Promise<void> {
    const now = this.clock.now().toISOString();
    await registrationDb(this.db)
      .insertInto('security_info_profiles')
      .values({ tenant_id: this.tenantId, user_id: userId, default_method_id: null, confirmed_at: now })
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'user_id'])
          .doUpdateSet({ confirmed_at: now })
          .where('security_info_profiles.confirmed_at', 'is', null),
      )
      .execute();
  }

  private async upsert(
    userId: string,
    changes: { default_method_id?: string | null; confirmed_at?: string },
  ): Promise<void> {
    await registrationDb(this.db)
      .insertInto('security_info_profiles')
      .values({ tenant_id: this.tenantId, user_id: userId, default_method_id: null, confirmed_at: null, ...changes })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet(changes))
      .execute();
  }
}
