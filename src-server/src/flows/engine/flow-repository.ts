import type { Updateable } from 'kysely';
import { z } from 'zod';
import type { FlowRow, FlowsTable } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import { generateFlowToken, hashFlowToken } from './flow-token';

const PassedMethodIdsSchema = z.array(z.string());

export function passedMethodIds(flow: FlowRow): string[] {
  return PassedMethodIdsSchema.parse(JSON.parse(flow.passed_method_ids));
}

/** Persistence of flows: the state machine lives in the service, the rows only remember where each flow is. */
export class FlowRepository {
  private readonly db: ResetDeskDb;
  private readonly tenantId: string;

  constructor(deps: { db: ResetDeskDb; tenantId: string }) {
    this.db = deps.db;
    this.tenantId = deps.tenantId;
  }

  async insert(flow: Omit<FlowRow, 'tenant_id' | 'passed_method_ids'>): Promise<FlowRow> {
    return this.db
      .insertInto('flows')
      .values({ ...flow, tenant_id: this.tenantId })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  async findByTokenHash(tokenHash: string): Promise<FlowRow | undefined> {
    return this.db
      .selectFrom('flows')
      .selectAll()
      .where('tenant_id', '=', this.tenantId)
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async update(id: string, changes: Omit<Updateable<FlowsTable>, 'id' | 'tenant_id' | 'token_hash'>): Promise<FlowRow> {
    return this.db
      .updateTable('flows')
      .set(changes)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /**
   * Gives the flow a new token (after each passed gate): the old one stops working at once, so a token copied before
   * the gate is worth nothing after it.
   */
  async rotateToken(id: string): Promise<string> {
    const token = generateFlowToken();
    await this.db.updateTable('flows').set({ token_hash: hashFlowToken(token) }).where('id', '=', id).execute();
    return token;
  }

  /** Deletes flows (and, by cascade, their codes) that expired before `before`. The audit log keeps their story. */
  async purgeExpired(before: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('flows')
      .where('tenant_id', '=', this.tenantId)
      .where('expires_at', '<', before.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
