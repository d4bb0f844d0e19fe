import { createHmac } from 'node:crypto';
import type { ResetDeskDb } from '../../store/store';
import type { Clock } from '../../support/clock';
import { DecoyProfileSchema } from '../../methods/decoy-profile';
import type { DecoyProfile } from '../../methods/decoy-profile';

/** A kept profile not used for this long is forgotten (a person who comes back after that sees a fresh draw). */
export const DECOY_NAME_PROFILE_DAYS = 90;
/** At most this many names are kept: strangers create these rows, so they must be bounded. */
export const MAX_DECOY_NAME_PROFILES = 50_000;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface DecoyNameProfilesDeps {
  db: ResetDeskDb;
  key: Buffer;
  clock: Clock;
  maxProfiles?: number;
  keepDays?: number;
}

/**
 * The first profile drawn for each unknown name, kept so its methods and masks stay the same when the tenant's
 * accounts change (the survey would draw again, and a real account's methods do not reshuffle when a colleague
 * joins). Rows are keyed by an HMAC of the canonical name under the decoy key: the name itself is never stored.
 * Strangers create these rows, so they are bounded in time (keepDays since last use) and in number (maxProfiles):
 * once full, a new name is not kept and draws from the current survey on every flow, as before this table existed.
 */
export class DecoyNameProfiles {
  private readonly deps: DecoyNameProfilesDeps;

  constructor(deps: DecoyNameProfilesDeps) {
    this.deps = deps;
  }

  /** The kept profile for a name (and marks it used), or null. */
  async find(canonicalName: string): Promise<DecoyProfile | null> {
    const nameKey = this.keyOf(canonicalName);
    const row = await this.deps.db
      .selectFrom('decoy_name_profiles')
      .select(['profile', 'last_used_at'])
      .where('name_key', '=', nameKey)
      .executeTakeFirst();
    if (!row) return null;
    const parsed = DecoyProfileSchema.safeParse(safeJson(row.profile));
    // A row older than the retention is as good as purged (the purge runs on its own schedule).
    if (!parsed.success || row.last_used_at < this.cutoff()) return null;
    await this.deps.db
      .updateTable('decoy_name_profiles')
      .set({ last_used_at: this.now() })
      .where('name_key', '=', nameKey)
      .execute();
    return parsed.data;
  }

  /**
   * Keeps `profile` as the name's profile unless one is kept already (a live one wins; one past its retention is
   * replaced) or the table is full, marks it used, and returns the kept one. One statement, whatever the case: every
   * start makes it, for known and unknown names alike (decoy-flows.ts nameProfile), so the store work does not tell
   * which names exist; it is atomic, so parallel first visits of one name all get the row that won.
   */
  async keep(canonicalName: string, profile: DecoyProfile): Promise<DecoyProfile> {
    const kept = await this.upsert(canonicalName, profile);
    if (kept) return kept;
    // Full: make room from what is past its retention, and try once more.
    await this.purge();
    return (await this.upsert(canonicalName, profile)) ?? profile;
  }

  private async upsert(canonicalName: string, profile: DecoyProfile): Promise<DecoyProfile | null> {
    const nameKey = this.keyOf(canonicalName);
    const now = this.now();
    const { db } = this.deps;
    const row = await db
      .insertInto('decoy_name_profiles')
      .columns(['name_key', 'profile', 'last_used_at'])
      .expression(
        db
          .selectNoFrom((eb) => [
            eb.val(nameKey).as('name_key'),
            eb.val(JSON.stringify(profile)).as('profile'),
            eb.val(now).as('last_used_at'),
          ])
          // Full: only a name that is kept already goes on (the count runs inside the statement, so it is one trip).
          .where((eb) =>
            eb.or([
              eb(db.selectFrom('decoy_name_profiles').select((s) => s.fn.countAll<number>().as('n')), '<', this.max()),
              eb.exists(db.selectFrom('decoy_name_profiles').select('name_key').where('name_key', '=', nameKey)),
            ]),
          ),
      )
      .onConflict((oc) =>
        oc.column('name_key').doUpdateSet((eb) => ({
          profile: eb
            .case()
            .when('decoy_name_profiles.last_used_at', '<', this.cutoff())
            .then(eb.ref('excluded.profile'))
            .else(eb.ref('decoy_name_profiles.profile'))
            .end(),
          last_used_at: eb.ref('excluded.last_used_at'),
        })),
      )
      .returning('profile')
      .executeTakeFirst();
    if (!row) return null;
    const parsed = DecoyProfileSchema.safeParse(safeJson(row.profile));
    return parsed.success ? parsed.data : null;
  }

  /** Forgets profiles not used within the retention (run at start and whenever the table is full). */
  async purge(): Promise<number> {
    const result = await this.deps.db
      .deleteFrom('decoy_name_profiles')
      .where('last_used_at', '<', this.cutoff())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private keyOf(canonicalName: string): string {
    return createHmac('sha256', this.deps.key).update(`decoy-name-profile|${canonicalName}`).digest('hex');
  }

  private max(): number {
    return this.deps.maxProfiles ?? MAX_DECOY_NAME_PROFILES;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private cutoff(): string {
    const keepMs = (this.deps.keepDays ?? DECOY_NAME_PROFILE_DAYS) * DAY_MS;
    return new Date(this.deps.clock.now().getTime() - keepMs).toISOString();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
