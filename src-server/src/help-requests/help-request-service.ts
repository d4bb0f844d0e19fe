import type { HelpRequest, HelpRequestReceived } from '@resetdesk/shared';
import type { AuditLog } from '../audit/audit-log';
import { sendOrPad } from '../delivery/delivery';
import type { Delivery } from '../delivery/delivery';
import type { Directory } from '../directory/directory';
import { normalizeUsername } from '../directory/directory';
import { AppError } from '../errors/app-error';
import type { ResetGuard } from '../policy/reset-guard';
import type { ResetPolicy } from '../policy/reset-policy';
import type { Clock } from '../support/clock';
import type { ClientFacts, ResetThrottle } from '../throttle/reset-throttle';
import { ResetThrottle as Throttle } from '../throttle/reset-throttle';
import { contactRequestMessage } from './helpdesk-messages';

export interface HelpRequestServiceDeps {
  directory: Directory;
  delivery: Delivery;
  policy: ResetPolicy;
  audit: AuditLog;
  throttle: ResetThrottle;
  // The CAPTCHA: a help request is unauthenticated and makes the server send mail.
  guard: ResetGuard;
  clock: Clock;
}

/**
 * "Contact your administrator" from the wizard: the helpdesk gets an email naming the account and what the wizard
 * showed. Only names that match an account are passed on (a typed name might be a password typed into the wrong box),
 * but every request gets the same answer, so the route does not tell who exists. Requests need the CAPTCHA (unless the
 * policy turned it off) and have their own counters (per account from this address, per address, per account), so
 * a stranger's requests cannot use up the account's code emails.
 */
export class HelpRequestService {
  private readonly deps: HelpRequestServiceDeps;

  constructor(deps: HelpRequestServiceDeps) {
    this.deps = deps;
  }

  async request(input: HelpRequest, client: ClientFacts): Promise<HelpRequestReceived> {
    const { policy, throttle } = this.deps;
    if (!policy.helpdeskEmail) {
      throw new AppError('DELIVERY_FAILED', 'No helpdesk address is configured on this server.');
    }
    const captcha = await this.deps.guard.checkHelpCaptcha(input.captcha);
    if (captcha) {
      await this.deps.audit.record({ event: 'contact.requested', outcome: 'failure', ip: client.ip, detail: captcha.code });
      throw captcha;
    }
    const typed = normalizeUsername(input.username);
    const user = await this.deps.directory.findUser(typed);
    const scopes = throttle.scopes(user ? Throttle.userKey(user.id) : throttle.unknownNameKey(typed), client);
    const audit = {
      event: 'contact.requested' as const,
      userId: user?.id ?? null,
      username: user?.username ?? null,
      ip: client.ip,
    };
    const refusal = await throttle.tryHelpRequest(scopes);
    if (refusal) {
      await this.deps.audit.record({ ...audit, outcome: 'failure', detail: `RATE_LIMITED ${input.reason}` });
      throw new AppError('RATE_LIMITED', 'Too many help requests: try again later.', {
        retryAfterSeconds: refusal.retryAfterSeconds,
      });
    }
    const message = user
      ? contactRequestMessage(policy, {
          username: user.username,
          displayName: user.displayName,
          reason: input.reason,
          at: this.deps.clock.now(),
          ip: client.ip,
        })
      : null;
    // Queued (or padded for nobody): the answer is the same whether the channel works, fails or is missing.
    await sendOrPad(this.deps.delivery, message && { ...message, about: { userId: user?.id ?? null } });
    await this.deps.audit.record({
      ...audit,
      outcome: 'success',
      detail: `${input.reason} ${message ? 'sent' : 'not_sent:unknown_user'}`,
    });
    return { received: true };
  }
}
