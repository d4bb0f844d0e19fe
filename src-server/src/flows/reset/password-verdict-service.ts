import { PASSWORD_VERDICTS_PER_MINUTE } from '@resetdesk/shared';
import type { PasswordVerdict } from '@resetdesk/shared';
import type { Directory } from '../../directory/directory';
import { AppError } from '../../errors/app-error';
import type { PasswordChecker } from '../../password/password-checker';
import type { ResetGuard } from '../../policy/reset-guard';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import type { ClientFacts } from '../../throttle/throttle-types';
import type { VerdictThrottle } from '../../throttle/verdict-throttle';
import { flowExpired } from '../engine/flow-audit';
import { FlowRepository } from '../engine/flow-repository';
import { FLOW_TOKEN_PATTERN, hashFlowToken } from '../engine/flow-token';

export interface PasswordVerdictDeps {
  db: ResetDeskDb;
  tenantId: string;
  directory: Directory;
  passwordChecker: PasswordChecker;
  clock: Clock;
  // The flow-binding rule (policy/flow-binding.ts): only the device or address that drives the flow gets its verdicts.
  guard: Pick<ResetGuard, 'boundScopes'>;
  // The flow's verdicts per minute, in the throttle store (shared by every instance, kept across a restart).
  verdicts: Pick<VerdictThrottle, 'take'>;
}

/** The verdict window: PASSWORD_VERDICTS_PER_MINUTE within it (runtime builds the VerdictThrottle with these). */
export const VERDICT_LIMIT = { max: PASSWORD_VERDICTS_PER_MINUTE, windowMs: 60_000 } as const;

/**
 * The live verdict while a person types a new password. Only a reset flow at its new-password step gets one: that
 * step is reached only after verification (a decoy never gets there), so nobody learns anything about the lists or
 * a user's names without having proved who they are. Limited per flow in the throttle store (it guards CPU; the
 * final setPassword is checked anyway); never audited or logged, since what is typed is a password.
 */
export class PasswordVerdictService {
  private readonly flows: FlowRepository;

  constructor(private readonly deps: PasswordVerdictDeps) {
    this.flows = new FlowRepository({ db: deps.db, tenantId: deps.tenantId });
  }

  async verdict(token: string, password: string, client: ClientFacts): Promise<PasswordVerdict> {
    if (!FLOW_TOKEN_PATTERN.test(token)) throw flowExpired();
    const flow = await this.flows.findByTokenHash(hashFlowToken(token));
    const now = this.deps.clock.now();
    if (!flow || flow.state === 'cancelled' || now >= new Date(flow.expires_at)) throw flowExpired();
    await this.deps.guard.boundScopes(flow, client);
    if (flow.kind !== 'reset' || flow.state !== 'new_password' || flow.decoy === 1) {
      throw new AppError('FLOW_STEP_MISMATCH', 'A password verdict is given only at the new-password step.');
    }
    const retryAfterSeconds = await this.deps.verdicts.take(flow.id);
    if (retryAfterSeconds !== null) {
      throw new AppError('RATE_LIMITED', 'Too many password verdicts for this flow; wait a moment.', {
        retryAfterSeconds,
      });
    }
    const user = await this.deps.directory.findUser(flow.username);
    if (!user || user.id !== flow.user_id) throw flowExpired();
    const check = this.deps.passwordChecker.check(password, [user.username, user.displayName]);
    const banned = check.reasons.includes('BANNED_PASSWORD');
    return { ok: check.ok, reasons: check.reasons, ...(banned ? { findings: check.findings } : {}) };
  }
}
