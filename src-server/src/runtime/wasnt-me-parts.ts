import { RegisteredEmails } from '../methods/email-code/registered-emails';
import { AccountHolds } from '../policy/account-holds';
import type { ResetPolicy } from '../policy/reset-policy';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import { NoticeLinks } from '../wasnt-me/notice-links';

/** What the flows need for "This wasn't me": holds to obey, links and addresses for their notices. */
export interface WasntMeParts {
  holds: AccountHolds;
  noticeLinks: NoticeLinks;
  registeredEmails: RegisteredEmails;
}

export function createWasntMeParts(deps: {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  policy: ResetPolicy;
  hmacKey: Buffer;
}): WasntMeParts {
  const { db, tenantId, clock, policy } = deps;
  return {
    holds: new AccountHolds({ db, tenantId, clock }),
    registeredEmails: new RegisteredEmails({ db, tenantId, clock }),
    noticeLinks: new NoticeLinks({
      db,
      tenantId,
      clock,
      hmacKey: deps.hmacKey,
      publicBaseUrl: policy.publicBaseUrl ?? null,
      lifetimeDays: policy.wasntMe.linkLifetimeDays,
    }),
  };
}
