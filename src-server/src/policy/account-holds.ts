import { randomUUID } from 'node:crypto';
import type { AccountHoldRow } from '../wasnt-me/wasnt-me-tables';
import { wasntMeDb } from '../wasnt-me/wasnt-me-tables';
import { TenantRows } from '../store/rows';

/**
 * Holds on an account's self-service: while one is in force, reset, unlock and change for that user are refused
 * (CONTACT_ADMIN, like a managed account), whatever the policy says. A confirmed "This wasn't me" places one; an
 * administrator lifts it (`resetdesk-server holds release --user U`). At most one hold in force per account.
 */
export class AccountHolds extends TenantRows {
  private get rows() {
    return wasntMeDb(this.db);
  }

  async isHeld(userId: string): Promise<boolean> {
    const row = await this.rows
      .selectFrom('account_holds')
      .select('id')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('released_at', 'is', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Places a hold; true when this call placed it, false when one was in force already. */
  async place(user: { id: string; username: string }, reason: string): Promise<boolean> {
    const result = await this.rows
      .insertInto('account_holds')
      .values({
        id: randomUUID(),
        tenant_id: this.tenantId,
        user_id: user.id,
        username: user.username.toLowerCase(),
        reason,
        placed_at: this.clock.now().toISOString(),
        released_at: null,
        released_by: null,
      })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return result.numInsertedOrUpdatedRows === 1n;
  }

  /** The holds in force, oldest first. */
  async list(): Promise<AccountHoldRow[]> {
    return this.rows
      .selectFrom('account_holds')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('released_at', 'is', null)
      .orderBy('placed_at')
      .execute();
  }

  /** Lifts the hold in force for a username (as listed) or user id; the released row, or null when none was. */
  async release(user: string, by: string): Promise<AccountHoldRow | null> {
    const wanted = user.trim();
    const row = await this.rows
      .updateTable('account_holds')
      .set({ released_at: this.clock.now().toISOString(), released_by: by })
      .where('tenant_id', '=', this.tenantId)
      .where('released_at', 'is', null)
      .where((eb) => eb.or([eb('username', '=', wanted.toLowerCase()), eb('user_id', '=', wanted)]))
      .returningAll()
      .executeTakeFirst();
    return row ?? null;
  }
}
