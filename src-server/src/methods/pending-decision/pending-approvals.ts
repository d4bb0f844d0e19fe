import { randomUUID } from 'node:crypto';
import type { PendingApprovalRow } from '../../store/database-schema';
import type { ChallengeCheck } from '../verification-method';
import { ClockedRows } from '../../store/rows';
import { dialectSql } from '../../store/dialect';

export interface NewPendingApproval {
  flowId: string;
  methodId: string;
  kind: 'voice' | 'approval';
  userId: string | null;
  secretHash: string;
  number: number | null;
  numbers: number[] | null;
  fromIp: string | null;
  expiresAt: Date;
}

/**
 * Calls and approval requests waiting for the user's phone. A new one replaces the open one of the same flow and
 * method; the phone's answer (approve or deny) is recorded once; the wizard's poll turns an approval into a pass once.
 */
export class PendingApprovals extends ClockedRows {
  async replace(request: NewPendingApproval): Promise<string> {
    const id = randomUUID();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('pending_approvals')
        .set({ status: 'replaced' })
        .where('flow_id', '=', request.flowId)
        .where('method_id', '=', request.methodId)
        .where('status', 'in', ['pending', 'approved', 'denied'])
        .execute();
      await trx
        .insertInto('pending_approvals')
        .values({
          id,
          flow_id: request.flowId,
          method_id: request.methodId,
          kind: request.kind,
          user_id: request.userId,
          secret_hash: request.secretHash,
          number: request.number,
          numbers: request.numbers ? JSON.stringify(request.numbers) : null,
          status: 'pending',
          from_ip: request.fromIp,
          created_at: this.clock.now().toISOString(),
          expires_at: request.expiresAt.toISOString(),
          decided_at: null,
        })
        .execute();
    });
    return id;
  }

  /** The flow's newest request for this method that was not replaced. */
  latest(flowId: string, methodId: string): Promise<PendingApprovalRow | undefined> {
    return this.db
      .selectFrom('pending_approvals')
      .selectAll()
      .where('flow_id', '=', flowId)
      .where('method_id', '=', methodId)
      .where('status', '!=', 'replaced')
      // Insertion order: two requests can share a timestamp.
      .orderBy('created_at', 'desc')
      .orderBy(dialectSql(this.db).insertionOrder, 'desc')
      .executeTakeFirst();
  }

  isOpen(row: PendingApprovalRow): boolean {
    return row.status === 'pending' && this.clock.now() < new Date(row.expires_at);
  }

  /** Records the phone's answer if the request is still open; false when it was not (decided, expired, replaced). */
  async decide(id: string, decision: 'approved' | 'denied'): Promise<boolean> {
    const now = this.clock.now().toISOString();
    const result = await this.db
      .updateTable('pending_approvals')
      .set({ status: decision, decided_at: now })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  /** What the wizard's poll learns; an approval is used up the moment it is seen. */
  async check(flowId: string, methodId: string): Promise<ChallengeCheck> {
    const row = await this.latest(flowId, methodId);
    if (!row) return { result: 'expired' };
    switch (row.status) {
      case 'approved': {
        const result = await this.db
          .updateTable('pending_approvals')
          .set({ status: 'consumed' })
          .where('id', '=', row.id)
          .where('status', '=', 'approved')
          .executeTakeFirst();
        return result.numUpdatedRows === 1n ? { result: 'ok' } : { result: 'expired' };
      }
      case 'denied':
        return { result: 'denied' };
      case 'pending':
        return this.clock.now() < new Date(row.expires_at) ? { result: 'pending' } : { result: 'expired' };
      default:
        return { result: 'expired' };
    }
  }

  findBySecretHash(secretHash: string): Promise<PendingApprovalRow | undefined> {
    return this.db
      .selectFrom('pending_approvals')
      .selectAll()
      .where('secret_hash', '=', secretHash)
      .executeTakeFirst();
  }

  listOpenForUser(userId: string): Promise<PendingApprovalRow[]> {
    return this.db
      .selectFrom('pending_approvals')
      .selectAll()
      .where('user_id', '=', userId)
      .where('kind', '=', 'approval')
      .where('status', '=', 'pending')
      .where('expires_at', '>', this.clock.now().toISOString())
      .orderBy('created_at', 'desc')
      .execute();
  }
}
