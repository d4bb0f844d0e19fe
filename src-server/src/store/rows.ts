import type { Clock } from '../support/clock';
import type { ResetDeskDb } from './store';

/**
 * The base of a class that keeps rows in the database and needs the time: the flow's challenges, pending decisions.
 * One constructor for all of them, so a new store class states only what it does with its rows.
 */
export abstract class ClockedRows {
  protected readonly db: ResetDeskDb;
  protected readonly clock: Clock;

  constructor(deps: { db: ResetDeskDb; clock: Clock }) {
    this.db = deps.db;
    this.clock = deps.clock;
  }
}

/** The same for rows that belong to one tenant (audit log, registrations, policy overrides). */
export abstract class TenantRows extends ClockedRows {
  protected readonly tenantId: string;

  constructor(deps: { db: ResetDeskDb; tenantId: string; clock: Clock }) {
    super(deps);
    this.tenantId = deps.tenantId;
  }
}
