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

  /** The decoy for `typedName` (stable per name), given the requirements an ordinary member of the tenant has. */
  async profileFor(typedName: string, pseudonym: string, requirements: ResetRequirements): Promise<DecoyProfile> {
    // The same registration lookups a real account costs, so the answer takes as long.
    for (const kind of requirements.methodKinds) await this.methodOf(kind)?.optionFor(PHANTOM_USER);
    const canonicalName = this.deps.domains.canonical(typedName);
    const kept = await this.deps.byName.find(canonicalName);
    const profile = kept ?? (await this.drawAndKeep(canonicalName, pseudonym, requirements));
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

  /** A first draw from the survey, kept for the name; a fallback drawn while the survey is empty is not kept. */
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
    return distribution.methodSets.length > 0 ? this.deps.byName.keep(canonicalName, profile) : profile;
  }

  private allowedKinds(requirements: ResetRequirements): MethodKind[] {
    return requirements.methodKinds.filter((kind): kind is MethodKind => this.methodOf(kind) !== undefined);
  }

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

  /** Every option the decoy has, in the policy's order (the caller removes what earlier gates used). */
  options(profile: DecoyProfile, requirements: ResetRequirements): MethodOption[] {
    return requirements.methodKinds.flatMap((kind) => {
      if (!profile.kinds.includes(kind as MethodKind)) return [];
      const option = this.methodOf(kind)?.decoyOptionFor(profile);
      return option ? [option] : [];
    });
  }

  private methodOf(kind: string): VerificationMethod | undefined {
    return this.deps.methods.find((m) => m.kind === kind);
  }
}
