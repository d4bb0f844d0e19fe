import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { NoticeKind } from '@resetdesk/shared';
import { WASNT_ME_ROUTES, WasntMeTokenSchema, matchLanguage } from '@resetdesk/shared';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import type { NoticeLinkRow } from './wasnt-me-tables';
import { wasntMeDb } from './wasnt-me-tables';

export interface NoticeLinksDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  // The server's code HMAC key; links use a key derived from it, so a link hash is never a code hash.
  hmacKey: Buffer;
  // policy.publicBaseUrl: without it no link is made (a wrong address would be worse than none).
  publicBaseUrl: string | null;
  lifetimeDays: number;
}

/** What a notice is about: the flow it reports, whose account, what happened, in which language. */
export interface NoticeSubject {
  flowId: string | null;
  user: { id: string; username: string };
  kind: NoticeKind;
  locale: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The single-use "This wasn't me" links of account notices. A token is 32 random bytes (base64url); only its HMAC is
 * stored, with the notice it belongs to. The link carries the token in the URL fragment, which browsers never send,
 * so it reaches no access log; the page posts it. One notice sent to several addresses has one link per address, and
 * confirming any of them uses them all (one UPDATE, so of parallel confirms exactly one wins).
 */
export class NoticeLinks {
  private readonly deps: NoticeLinksDeps;
  private readonly key: Buffer;

  constructor(deps: NoticeLinksDeps) {
    this.deps = deps;
    this.key = createHmac('sha256', deps.hmacKey).update('resetdesk notice links v1').digest();
  }

  get enabled(): boolean {
    return this.deps.publicBaseUrl !== null;
  }

  /** A new notice: its id, to give each of its addresses a link with `issue`. */
  newNoticeId(): string {
    return randomUUID();
  }

  /** A link for one address of a notice, or null when the server has no public base URL. */
  async issue(noticeId: string, subject: NoticeSubject): Promise<string | null> {
    const base = this.deps.publicBaseUrl;
    if (base === null) return null;
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now();
    await wasntMeDb(this.deps.db)
      .insertInto('notice_links')
      .values({
        token_hash: this.hash(token),
        tenant_id: this.deps.tenantId,
        notice_id: noticeId,
        flow_id: subject.flowId,
        user_id: subject.user.id,
        username: subject.user.username,
        kind: subject.kind,
        locale: subject.locale,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + this.deps.lifetimeDays * DAY_MS).toISOString(),
        used_at: null,
      })
      .execute();
    return `${base}${WASNT_ME_ROUTES.page}#t=${token}&l=${matchLanguage([subject.locale])}`;
  }

  /** The link's notice while it can still be confirmed (known, unused, not expired); null otherwise. */
  async find(token: string): Promise<NoticeLinkRow | null> {
    if (!WasntMeTokenSchema.safeParse(token).success) return null;
    const row = await wasntMeDb(this.deps.db)
      .selectFrom('notice_links')
      .selectAll()
      .where('tenant_id', '=', this.deps.tenantId)
      .where('token_hash', '=', this.hash(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.deps.clock.now().toISOString())
      .executeTakeFirst();
    return row ?? null;
  }

  /**
   * Uses the link, and every other link of its notice, in one statement: the notice's row when this call used it,
   * null when it was unknown, expired or used already (also by a confirm running at the same moment).
   */
  async consume(token: string): Promise<NoticeLinkRow | null> {
    if (!WasntMeTokenSchema.safeParse(token).success) return null;
    const db = wasntMeDb(this.deps.db);
    const now = this.deps.clock.now().toISOString();
    const tokenHash = this.hash(token);
    const used = await db
      .updateTable('notice_links')
      .set({ used_at: now })
      .where('tenant_id', '=', this.deps.tenantId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('notice_id', '=', (eb) =>
        eb.selectFrom('notice_links').select('notice_id').where('token_hash', '=', tokenHash),
      )
      .returningAll()
      .execute();
    return used.find((row) => row.token_hash === tokenHash) ?? null;
  }

  /** Housekeeping: forgets links that expired more than a day ago. */
  async purgeExpired(): Promise<number> {
    const before = new Date(this.deps.clock.now().getTime() - DAY_MS).toISOString();
    const result = await wasntMeDb(this.deps.db)
      .deleteFrom('notice_links')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private hash(token: string): string {
    return createHmac('sha256', this.key).update(token).digest('hex');
  }
}
