import { randomUUID } from 'node:crypto';
import { wasntMeDb } from '../../wasnt-me/wasnt-me-tables';
import type { DirectoryUser } from '../../directory/directory';
import { TenantRows } from '../../store/rows';
import type { ContactEntries, ContactEntry } from '../code-base/contact-registrar';

/**
 * Email addresses a person registered as an email method beside the directory's own (a private address, say).
 * Account notices go to each of them as well as to the directory's; registering one twice keeps one row.
 */
export class RegisteredEmails extends TenantRows implements ContactEntries {
  readonly kind = 'email' as const;

  /** The demo's extra addresses (demo/demo-registrations.ts): Jamal's private one. */
  async seedDemo(user: DirectoryUser, demo: { otherEmails?: readonly string[] }): Promise<void> {
    for (const address of demo.otherEmails ?? []) await this.add(user.id, address);
  }

  async add(userId: string, address: string): Promise<void> {
    await wasntMeDb(this.db)
      .insertInto('registered_emails')
      .values({
        id: randomUUID(),
        tenant_id: this.tenantId,
        user_id: userId,
        address: address.trim().toLowerCase(),
        created_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  /** The person's registered addresses with their row ids (what security info lists and removes). */
  async entries(userId: string): Promise<ContactEntry[]> {
    return wasntMeDb(this.db)
      .selectFrom('registered_emails')
      .select(['id', 'address as target'])
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  /** Removes one of the person's addresses; false when it is not theirs (or gone already). */
  async remove(userId: string, id: string): Promise<boolean> {
    const result = await wasntMeDb(this.db)
      .deleteFrom('registered_emails')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }

  async list(userId: string): Promise<string[]> {
    const rows = await wasntMeDb(this.db)
      .selectFrom('registered_emails')
      .select('address')
      .where('tenant_id', '=', this.tenantId)
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => row.address);
  }
}
