import type { MethodKind, MethodOption } from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { TenantDomains } from '../../directory/tenant-domains';
import type { VerificationMethod } from '../../methods/verification-method';
import { ADMIN_FORBIDDEN_METHOD_KINDS } from '../../policy/reset-eligibility';
import type { ResetRequirements } from '../../policy/reset-eligibility';
import type { ResetPolicy } from '../../policy/reset-policy';
import type { ResetDeskDb } from '../../store/store';
import { DecoyProfileSchema } from '../../methods/decoy-profile';
import type { DecoyProfile } from '../../methods/decoy-profile';
import { defaultContactFirst, optionKindsWith } from '../../methods/default-first';
import { withDecoyExtraContacts } from '../../methods/extra-contacts';
import { buildDecoyProfile } from './decoy-profile';
import type { DecoyNameProfiles } from './decoy-name-profiles';
import type { TenantMethodDistribution } from './method-distribution';

export interface DecoyFlowsDeps {
  db: ResetDeskDb;
  key: Buffer;
  policy: Pick<ResetPolicy, 'emailDomain' | 'questionsToRegister'>;
  methods: readonly VerificationMethod[];
  distribution: TenantMethodDistribution;
  domains: TenantDomains;
  // The first profile drawn per name, kept so it does not reshuffle when the survey changes.
  byName: DecoyNameProfiles;
}

// Used where a decoy needs an address domain and the tenant has none to learn from.
const FALLBACK_DECOY_DOMAIN = 'example.com';

// Stands in for the account a decoy pretends to be, so its option lookups cost what a real account's do.
const PHANTOM_USER: DirectoryUser = {
  id: '00000000-0000-4000-8000-000000000000',
  username: '',
  displayName: '',
  email: null,
  phone: null,
  accountEnabled: true,
  enabledForReset: true,
  managedExternally: false,
  protectedAccount: false,
  locked: false,
};

/**
 * The decoy side of the reset and unlock flows: a profile for an unknown name (which methods, which masked details),
 * stored with the flow, and the options it offers at each gate, in the same order and shape as a real account's.
 */
export class DecoyFlows {
  private readonly deps: DecoyFlowsDeps;

  constructor(deps: DecoyFlowsDeps) {
    this.deps = deps;
  }

  /**
   * The decoy for `typedName` (stable per name), given the requirements an ordinary member of the tenant has. Every
   * start asks it, for a known name too (which never shows it): the draw and its one statement (decoy-name-profiles.ts
   * keep) are then the same work whether the name exists or not.
   */
  async profileFor(typedName: string, pseudonym: string, requirements: ResetRequirements): Promise<DecoyProfile> {
    const canonicalName = this.deps.domains.canonical(typedName);
    const profile = await this.drawAndKeep(canonicalName, pseudonym, requirements);
    // A set the policy no longer allows in full (it changed since the draw) falls back like an empty survey.
    const allowed = this.allowedKinds(this.requirementsOf(profile, requirements));
    const kinds = profile.kinds.filter((kind) => allowed.includes(kind));
    const needed = Math.max(profile.gatesRequired, requirements.methodsToRegister);
    if (kinds.length >= needed && kinds.length > 0) return { ...profile, kinds };
    const fallback = this.allowedKinds(requirements);
    return {
      ...profile,
      kinds: fallback.slice(0, Math.max(1, requirements.methodsToRegister)),
      gatesRequired: requirements.gatesRequired,
    };
  }

  /**
   * What a decoy must pass: an ordinary member's requirements (`member`) with the profile's gates. A profile drawn
   * from an administrator has two gates and, like an administrator, no knowledge methods.
   */
  requirementsOf(profile: DecoyProfile, member: ResetRequirements): ResetRequirements {
    if (profile.gatesRequired <= member.gatesRequired) return member;
    return {
      ...member,
      admin: true,
      gatesRequired: profile.gatesRequired,
      methodKinds: member.methodKinds.filter((kind) => !ADMIN_FORBIDDEN_METHOD_KINDS.has(kind)),
      methodsToRegister: Math.max(member.methodsToRegister, profile.gatesRequired),
    };
  }

  /**
   * The registration lookups a real account's options cost (flow-options.ts availableOptions), made for nobody: a
   * decoy's options come from its profile, yet take the same store work.
   */
  async mirrorOptionLookups(requirements: ResetRequirements): Promise<void> {
    for (const kind of requirements.methodKinds) await this.methodOf(kind)?.optionFor(PHANTOM_USER);
  }

  /** The hold lookup a real account's start costs (flow-engine.ts refuseHeld), for nobody. */
  get phantomUser(): DirectoryUser {
    return PHANTOM_USER;
  }

  /**
   * A draw from the survey, kept for the name unless one is kept already (that one wins). A fallback drawn while the
   * survey is empty is not kept, yet costs the same statement (a keep of nothing new).
   */
  private async drawAndKeep(
    canonicalName: string,
    pseudonym: string,
    requirements: ResetRequirements,
  ): Promise<DecoyProfile> {
    const distribution = await this.deps.distribution.current();
    const profile = buildDecoyProfile({
      key: this.deps.key,
      canonicalName,
      pseudonym,
      distribution,
      fallbackKinds: this.allowedKinds(requirements).slice(0, requirements.methodsToRegister),
      fallbackGates: requirements.gatesRequired,
      fallbackEmailDomain: this.deps.policy.emailDomain ?? this.deps.domains.names[0] ?? FALLBACK_DECOY_DOMAIN,
      questionsToRegister: this.deps.policy.questionsToRegister,
    });
    if (distribution.methodSets.length > 0) return this.deps.byName.keep(canonicalName, profile);
    return (await this.deps.byName.find(canonicalName)) ?? profile;
  }

  private allowedKinds(requirements: ResetRequirements): MethodKind[] {
    return requirements.methodKinds.filter((kind): kind is MethodKind => this.methodOf(kind) !== undefined);
  }

  /** Stored with every flow (a real one never reads it back): the same write for a known and an unknown name. */
  async remember(flowId: string, profile: DecoyProfile): Promise<void> {
    await this.deps.db
      .insertInto('decoy_profiles')
      .values({ flow_id: flowId, profile: JSON.stringify(profile) })
      .execute();
  }

  async load(flowId: string): Promise<DecoyProfile | null> {
    const row = await this.deps.db
      .selectFrom('decoy_profiles')
      .select('profile')
      .where('flow_id', '=', flowId)
      .executeTakeFirst();
    return row ? DecoyProfileSchema.parse(JSON.parse(row.profile)) : null;
  }

  /**
   * Every option the decoy has, in its profile's order (the caller removes what earlier gates used): the survey keeps
   * each account's kinds as its chooser lists them, default first, so a decoy's order is one a real account shows.
   */
  options(profile: DecoyProfile, requirements: ResetRequirements): MethodOption[] {
    const options = requirements.methodKinds.flatMap((kind) => {
      if (!profile.kinds.includes(kind as MethodKind)) return [];
      const option = this.methodOf(kind)?.decoyOptionFor(profile);
      return option ? [option] : [];
    });
    const ordered = options.sort((a, b) => profile.kinds.indexOf(a.kind) - profile.kinds.indexOf(b.kind));
    // Further addresses and phones, as many as the account the profile was drawn from had (extra-contacts.ts), and
    // its default address or phone first among them, as that account's chooser lists it (default-first.ts).
    const listed = withDecoyExtraContacts(ordered, profile);
    const lead = ordered[0];
    if (profile.defaultContact === undefined || !lead) return listed;
    return defaultContactFirst(listed, optionKindsWith(lead.kind), profile.defaultContact);
  }

  private methodOf(kind: string): VerificationMethod | undefined {
    return this.deps.methods.find((m) => m.kind === kind);
  }
}
