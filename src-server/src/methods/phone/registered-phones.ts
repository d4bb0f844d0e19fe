import { randomUUID } from 'node:crypto';
import { TenantRows } from '../../store/rows';
import { registrationDb } from '../registration-tables';
import type { ContactEntries, ContactEntry } from '../code-base/contact-registrar';

/**
 * Phones people registered in security info, in E.164. One row is one phone: it proves by text message and by call
 * alike (one authenticator, methods/authenticators.ts). Registering the same number twice keeps one row.
 */
export class RegisteredPhones extends TenantRows implements ContactEntries {
  async add(userId: string, e164: string): Promise<void> {
    await registrationDb(this.db)
      .insertInto('registered_phones')
      .values({
        id: randomUUID(),
        tenant_id: this.tenantId,
        user_id: userId,
        e164,
        created_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async entries(userId: string): Promise<ContactEntry[]> {
    return registrationDb(this.db)
      .selectFrom('registered_phones')
      .select(['id', 'e164 as target'])
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  async remove(userId: string, id: string): Promise<boolean> {
    const result = await registrationDb(this.db)
      .deleteFrom('registered_phones')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }
}
