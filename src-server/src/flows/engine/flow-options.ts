import type { MethodOption } from '@resetdesk/shared';
import type { ChannelAvailability } from '../../delivery/health/channel-check';
import type { Directory, DirectoryUser } from '../../directory/directory';
import { remainingOptions } from '../../methods/authenticators';
import { defaultFirst } from '../../methods/default-first';
import { withExtraContacts } from '../../methods/extra-contacts';
import type { VerificationMethod } from '../../methods/verification-method';
import type { ResetRequirements } from '../../policy/reset-eligibility';
import type { ResetGuard } from '../../policy/reset-guard';
import type { FlowRow } from '../../store/database-schema';
import type { DecoyFlows } from '../decoy/decoy-flows';
import type { DecoyProfile } from '../../methods/decoy-profile';
import type { RegisteredContacts } from '../../methods/registered-contacts';
import { withoutDownChannels } from './channel-filter';
import { NAME_OF_NOBODY } from './decoy-name';
import { flowExpired } from './flow-audit';

/** Who a flow is about: a directory user, or nobody (a decoy for a name that matched no user). */
export type Subject =
  // defaultMethodId: the security-info item the person chose as default (its option comes first in the chooser).
  | { kind: 'user'; user: DirectoryUser; defaultMethodId?: string | null }
  | { kind: 'decoy'; name: string; profile: DecoyProfile };

export interface SubjectDeps {
  directory: Directory;
  methods: readonly VerificationMethod[];
  decoys: DecoyFlows;
  guard: ResetGuard;
  // Which delivery channels are down (their methods are not offered); none when absent.
  channels?: ChannelAvailability;
  // The email and phone registered in security info, where the directory holds none (none when absent).
  contacts?: Pick<RegisteredContacts, 'complete' | 'mirror' | 'defaultOf'>;
}

/**
 * A directory user as a flow's subject: the registered email and phone where the directory has none, and the default
 * method. The same reads as `contacts.mirror()`, which a decoy's steps make instead.
 */
export async function userSubject(deps: Pick<SubjectDeps, 'contacts'>, user: DirectoryUser): Promise<Subject> {
  if (!deps.contacts) return { kind: 'user', user };
  // The default first: it says which of several addresses or phones comes first (the same reads as `mirror`).
  const defaultMethodId = await deps.contacts.defaultOf(user.id);
  return { kind: 'user', user: await deps.contacts.complete(user, defaultMethodId), defaultMethodId };
}

/** The subject of a stored flow, as it is now; FLOW_EXPIRED when it cannot go on. */
export async function subjectOf(deps: SubjectDeps, flow: FlowRow): Promise<Subject> {
  if (flow.decoy === 1) {
    const profile = await deps.decoys.load(flow.id);
    if (!profile) throw flowExpired();
    // The reads a real account's lookup and contacts cost (below), so a later step takes an unknown name as long too.
    await deps.directory.findUser(NAME_OF_NOBODY);
    await deps.contacts?.mirror();
    return { kind: 'decoy', name: flow.username, profile };
  }
  const user = await deps.directory.findUser(flow.username);
  // The user was removed or renamed under the flow: it cannot go on.
  if (!user || user.id !== flow.user_id) throw flowExpired();
  return userSubject(deps, user);
}

/** The gates and methods the policy asks of the subject; a decoy drawn from an administrator has an administrator's. */
export async function requirementsOf(deps: SubjectDeps, subject: Subject): Promise<ResetRequirements> {
  const requirements = await deps.guard.requirements(subject.kind === 'user' ? subject.user : null);
  return subject.kind === 'decoy' ? deps.decoys.requirementsOf(subject.profile, requirements) : requirements;
}

/**
 * The options the policy allows for this account (admins: never security questions) and the subject has registered
 * (a decoy: what its profile says), in the policy's order with the person's default first, minus every option whose
 * authenticator an earlier gate of this flow already proved (methods/authenticators.ts).
 */
export async function availableOptions(
  deps: { methods: readonly VerificationMethod[]; decoys: DecoyFlows },
  subject: Subject,
  passed: readonly string[],
  requirements: ResetRequirements,
): Promise<MethodOption[]> {
  if (subject.kind === 'decoy') {
    await deps.decoys.mirrorOptionLookups(requirements);
    return remainingOptions(deps.decoys.options(subject.profile, requirements), passed, null);
  }
  const options: MethodOption[] = [];
  for (const kind of requirements.methodKinds) {
    const option = await deps.methods.find((m) => m.kind === kind)?.optionFor(subject.user);
    if (option) options.push(option);
  }
  const { defaultContact } = subject.user;
  const listed = defaultFirst(withExtraContacts(options, subject.user), subject.defaultMethodId, defaultContact);
  return remainingOptions(listed, passed, subject.user);
}

/**
 * What the chooser offers: the available options minus those whose channel is down (engine/channel-filter.ts).
 * Only choosing is affected: a code already sent can still be entered while its channel is down.
 */
export async function offeredOptions(
  deps: { methods: readonly VerificationMethod[]; decoys: DecoyFlows; channels?: ChannelAvailability },
  subject: Subject,
  passed: readonly string[],
  requirements: ResetRequirements,
): Promise<MethodOption[]> {
  return withoutDownChannels(deps, await availableOptions(deps, subject, passed, requirements));
}

export function methodOf(methods: readonly VerificationMethod[], option: MethodOption): VerificationMethod {
  const method = methods.find((m) => m.kind === option.kind);
  if (!method) throw new Error(`No verification method registered for ${option.kind}`);
  return method;
}
