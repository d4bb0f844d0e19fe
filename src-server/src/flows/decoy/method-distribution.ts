import type { MethodKind, MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import { authenticatorCount } from '../../methods/authenticators';
import { defaultFirst, defaultOptionKinds } from '../../methods/default-first';
import { withExtraContacts } from '../../methods/extra-contacts';
import type { VerificationMethod } from '../../methods/verification-method';
import type { ResetRequirements } from '../../policy/reset-eligibility';
import type { Clock } from '../../support/clock';
import { countValues } from './decoy-random';
import type { DecoyMethodSet, MethodDistribution } from './decoy-population';

export interface MethodDistributionDeps {
  // Every account of the tenant (the built-in directory lists them; a connector lists what it can).
  listUsers: () => Promise<DirectoryUser[]>;
  methods: readonly VerificationMethod[];
  requirements: (user: DirectoryUser) => Promise<ResetRequirements>;
  questionCount: (user: DirectoryUser) => Promise<number>;
  // The registered email and phone where the directory has none, and any further ones (registered-contacts.ts).
  complete?: (user: DirectoryUser, defaultItemId: string | null) => Promise<DirectoryUser>;
  // The security-info item the account chose as default (its option is listed first); none when absent.
  defaultOf?: (user: DirectoryUser) => Promise<string | null>;
  clock: Clock;
  // How long one survey is used before it is taken again (registrations change slowly).
  maxAgeMinutes?: number;
}

const DEFAULT_MAX_AGE_MINUTES = 10;

/**
 * Surveys the tenant's accounts with the methods' own `optionFor`, so a decoy's method set is one a real account of
 * this tenant has, as often as real accounts have it. Only accounts a stranger could start a flow for count (enabled,
 * not managed elsewhere, allowed to reset; administrators too, with their own gates and methods, so a decoy looks like
 * an administrator as often as one occurs) and only those with enough methods to pass their gates. The survey is
 * cached and shared by concurrent callers.
 */
export class TenantMethodDistribution {
  private readonly deps: MethodDistributionDeps;
  private cached: { at: number; survey: Promise<MethodDistribution> } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(deps: MethodDistributionDeps) {
    this.deps = deps;
  }

  current(): Promise<MethodDistribution> {
    const now = this.deps.clock.now().getTime();
    const maxAgeMs = (this.deps.maxAgeMinutes ?? DEFAULT_MAX_AGE_MINUTES) * 60_000;
    if (!this.cached) {
      const survey = this.survey();
      this.cached = { at: now, survey };
      // A failed survey is not kept: the next caller tries again.
      survey.catch(() => {
        if (this.cached?.survey === survey) this.cached = undefined;
      });
    } else if ((now - this.cached.at > maxAgeMs || now < this.cached.at) && !this.refreshing) {
      // A stale survey is renewed in the background: no decoy answer waits for a survey after the first one.
      this.refreshing = this.survey()
        .then((fresh) => {
          this.cached = { at: now, survey: Promise.resolve(fresh) };
        })
        .catch(() => undefined)
        .finally(() => {
          this.refreshing = undefined;
        });
    }
    return this.cached.survey;
  }

  /** The survey once a background renewal (if one runs) has finished: for tests and tools. */
  async settled(): Promise<MethodDistribution> {
    await this.refreshing;
    return this.current();
  }

  /** Forgets the cached survey (after registrations changed, or in tests). */
  invalidate(): void {
    this.cached = undefined;
  }

  private async survey(): Promise<MethodDistribution> {
    const sets: DecoyMethodSet[] = [];
    const domains: string[] = [];
    const extraDomains: string[] = [];
    const labels: string[] = [];
    const questionCounts: number[] = [];
    for (const listed of await this.deps.listUsers()) {
      const skip = !listed.accountEnabled || !listed.enabledForReset || listed.managedExternally;
      if (skip || listed.protectedAccount) continue;
      const defaultItemId = (await this.deps.defaultOf?.(listed)) ?? null;
      const user = this.deps.complete ? await this.deps.complete(listed, defaultItemId) : listed;
      const requirements = await this.deps.requirements(user);
      if (!requirements.allowed) continue;
      const found: MethodOption[] = [];
      for (const kind of requirements.methodKinds) {
        const method = this.deps.methods.find((m) => m.kind === kind);
        const option = method ? await method.optionFor(user) : null;
        if (!option) continue;
        found.push(option);
        if (option.kind === 'approval') labels.push(option.maskedTarget);
      }
      // In the order the account's chooser lists them (its default first): a decoy then shows orders real ones do.
      const options = defaultFirst(found, defaultItemId);
      const kinds: MethodKind[] = options.map((option) => option.kind);
      // Which of the default kind's addresses or phones leads (decoy-flows.ts puts a decoy's in the same place).
      const offeredDefault = defaultOptionKinds(defaultItemId).some((kind) => kinds.includes(kind));
      const defaultContact = offeredDefault ? (user.defaultContact ?? 1) : undefined;
      // The same test start() applies (on what the chooser lists, each further address and phone too): enough methods,
      // and enough different authenticators for the gates.
      const listedOptions = withExtraContacts(options, user);
      if (listedOptions.length < requirements.methodsToRegister) continue;
      if (authenticatorCount(listedOptions, user) < requirements.gatesRequired) continue;
      const extraEmails = kinds.includes('email') ? (user.extraEmails?.length ?? 0) : 0;
      const extraPhones = kinds.includes('sms') || kinds.includes('voice') ? (user.extraPhones?.length ?? 0) : 0;
      sets.push({
        kinds,
        gatesRequired: requirements.gatesRequired,
        extraEmails,
        extraPhones,
        ...(defaultContact === undefined ? {} : { defaultContact }),
      });
      const extraAddresses = extraEmails > 0 ? (user.extraEmails ?? []) : [];
      for (const extra of extraAddresses) extraDomains.push(extra.slice(extra.lastIndexOf('@') + 1).toLowerCase());
      const domain = user.email?.slice(user.email.lastIndexOf('@') + 1).toLowerCase();
      if (kinds.includes('email') && domain) domains.push(domain);
      if (kinds.includes('questions')) questionCounts.push(await this.deps.questionCount(user));
    }
    return {
      methodSets: countValues(
        sets,
        (set) =>
          `${set.gatesRequired}|${set.kinds.join(',')}|${set.extraEmails ?? 0}|${set.extraPhones ?? 0}` +
          `|${set.defaultContact ?? 0}`,
      ),
      emailDomains: countValues(domains),
      extraEmailDomains: countValues(extraDomains),
      approvalLabels: countValues(labels),
      questionCounts: countValues(questionCounts),
    };
  }
}

