import { randomUUID } from 'node:crypto';
import type { ErrorCode, ErrorDetails, FlowKind } from '@resetdesk/shared';
import type { AuditEntry, AuditLog } from '../../audit/audit-log';
import type { DirectoryUser } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { AccountHolds } from '../../policy/account-holds';
import type { ResetGuard } from '../../policy/reset-guard';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { FlowRow, FlowState } from '../../store/database-schema';
import type { ResetDeskDb } from '../../store/store';
import type { ThrottleScopes } from '../../throttle/reset-throttle';
import type { Clock } from '../../support/clock';
import { addMinutes } from '../../support/clock';
import type { KeyedLock } from '../../support/keyed-mutex';
import { contactAdmin, flowExpired, refusalFor, STEP_MISMATCH_MESSAGE } from './flow-audit';
import { FlowRepository } from './flow-repository';
import { FLOW_TOKEN_PATTERN, generateFlowToken, hashFlowToken } from './flow-token';
import type { RequestContext } from './request-context';

export interface FlowEngineDeps {
  db: ResetDeskDb;
  tenantId: string;
  policy: ResetPolicy;
  audit: AuditLog;
  clock: Clock;
  guard: ResetGuard;
  // Accounts whose self-service is on hold ("This wasn't me"); none are when absent.
  holds?: Pick<AccountHolds, 'isHeld'>;
  // One lock for every service that drives flows (store.flowLock): a lease row on SQLite, an advisory lock on
  // PostgreSQL.
  flowLock: KeyedLock;
}

/** A flow loaded by its token, with the throttle scopes its binding yields. */
export interface LoadedFlow {
  flow: FlowRow;
  token: string;
  scopes: ThrottleScopes;
}

export interface NewFlow {
  kind: FlowKind;
  state: FlowState;
  user: DirectoryUser | null;
  // The directory's username, or a decoy's pseudonym (decoy-name.ts).
  username: string;
  locale: string | null;
  context: RequestContext;
}

type FlowChanges = { method_id?: string | null; passed_method_ids?: string };

/**
 * What every kind of flow shares: the persisted row and its token, one request per flow at a time, expiry, the
 * binding to the device or address that started it, and refusals that are audited before they are thrown. The kinds
 * (reset/, unlock/, change/) decide the steps; each call loads the flow by the hash of its token, checks the call
 * fits the state, acts, stores the new state and writes an audit row.
 */
export class FlowEngine {
  readonly flows: FlowRepository;
  private readonly deps: FlowEngineDeps;

  constructor(deps: FlowEngineDeps) {
    this.deps = deps;
    this.flows = new FlowRepository({ db: deps.db, tenantId: deps.tenantId });
  }

  now(): Date {
    return this.deps.clock.now();
  }

  /** Stores a new flow and returns it with its token (only the client keeps the token; the row keeps its hash). */
  async open(input: NewFlow): Promise<{ flow: FlowRow; token: string }> {
    const token = generateFlowToken();
    const now = this.now();
    const flow = await this.flows.insert({
      id: randomUUID(),
      token_hash: hashFlowToken(token),
      kind: input.kind,
      state: input.state,
      user_id: input.user?.id ?? null,
      decoy: input.user ? 0 : 1,
      username: input.username,
      method_id: null,
      client_ip: input.context.ip,
      locale: input.locale,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
      expires_at: addMinutes(now, this.deps.policy.flowLifetimeMinutes).toISOString(),
      completed_at: null,
    });
    return { flow, token };
  }

  /**
   * Loads the flow of a token and runs `task` while no other request of the same flow runs. Before anything else it
   * checks that this request may drive the flow (policy/flow-binding.ts): a request from another device or address gets
   * FLOW_EXPIRED, as an unknown token would, and learns nothing of the flow's state or methods. Every operation goes
   * through here, reads included.
   */
  async withFlow<T>(token: string, context: RequestContext, task: (loaded: LoadedFlow) => Promise<T>): Promise<T> {
    if (!FLOW_TOKEN_PATTERN.test(token)) throw flowExpired();
    const tokenHash = hashFlowToken(token);
    return this.deps.flowLock.run(tokenHash, async () => {
      const flow = await this.flows.findByTokenHash(tokenHash);
      if (!flow || flow.state === 'cancelled' || this.now() >= new Date(flow.expires_at)) throw flowExpired();
      const scopes = await this.deps.guard.boundScopes(flow, context);
      return task({ flow, token, scopes });
    });
  }

  async transition(flow: FlowRow, state: FlowState, changes: FlowChanges = {}): Promise<FlowRow> {
    return this.flows.update(flow.id, { ...changes, state, updated_at: this.now().toISOString() });
  }

  async complete(flow: FlowRow): Promise<FlowRow> {
    const now = this.now().toISOString();
    return this.flows.update(flow.id, { state: 'completed', completed_at: now, updated_at: now });
  }

  /** A passed gate gets a new token (the client takes it from the response); the old one no longer works. */
  async rotateToken(flow: FlowRow): Promise<string> {
    return this.flows.rotateToken(flow.id);
  }

  /** Housekeeping: forgets flows that expired more than a day ago. */
  async purgeExpired(): Promise<number> {
    return this.flows.purgeExpired(addMinutes(this.now(), -24 * 60));
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.deps.audit.record(entry);
  }

  /** Audits the refusal (detail: its code) and throws it. */
  async fail(audit: AuditEntry, code: ErrorCode, message: string, details?: ErrorDetails): Promise<never> {
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: code });
    throw new AppError(code, message, details);
  }

  /** Audits and throws a policy or throttle refusal (detail: the code, and for throttles which limit). */
  async refuseIf(audit: AuditEntry, refusal: AppError | null): Promise<void> {
    if (!refusal) return;
    const detail = refusal.code === 'RATE_LIMITED' ? `RATE_LIMITED ${refusal.message}` : refusal.code;
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: detail.slice(0, 200) });
    throw refusal;
  }

  async requireState(flow: FlowRow, allowed: readonly FlowState[], audit: AuditEntry): Promise<void> {
    if (!allowed.includes(flow.state)) await this.fail(audit, 'FLOW_STEP_MISMATCH', STEP_MISMATCH_MESSAGE);
  }

  /** Throws (after auditing) when the account may not use self-service reset. */
  async refuseUnusableAccount(user: DirectoryUser, audit: AuditEntry): Promise<void> {
    const refusal = refusalFor(user, this.deps.policy);
    if (refusal) {
      await this.deps.audit.record({ ...audit, outcome: 'failure', detail: refusal.code });
      throw refusal;
    }
    await this.refuseHeld(user, audit);
  }

  /**
   * CONTACT_ADMIN (audited as ACCOUNT_HELD) while the account's self-service is on hold: the same answer as an account
   * managed elsewhere, so the refusal tells a stranger no more than that screen does.
   */
  async refuseHeld(user: DirectoryUser, audit: AuditEntry): Promise<void> {
    if (!(await this.deps.holds?.isHeld(user.id))) return;
    await this.deps.audit.record({ ...audit, outcome: 'failure', detail: 'CONTACT_ADMIN ACCOUNT_HELD' });
    throw contactAdmin(this.deps.policy);
  }
}
