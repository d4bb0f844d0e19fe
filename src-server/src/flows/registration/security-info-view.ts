import { SecurityInfoKindSchema } from '@resetdesk/shared';
import type {
  FlowResponse,
  FlowStep,
  ManageSecurityInfoStep,
  SecurityInfoItem,
  SecurityInfoKind,
} from '@resetdesk/shared';
import type { DirectoryUser } from '../../directory/directory';
import type { RegisteredItem } from '../../methods/method-registrar';
import { registrarOf } from '../../methods/method-registrar';
import { questionCatalogue } from '../../methods/security-questions/question-catalogue';
import type { FlowRow } from '../../store/database-schema';
import { flowExpired } from '../engine/flow-audit';
import { subjectOf } from '../engine/flow-options';
import { respond } from '../step-view/step-view';
import type { RegistrationKit } from './registration-deps';

/** Every item the person has, over every registrar, in the registrars' order. */
export async function itemsOf(kit: RegistrationKit, user: DirectoryUser): Promise<RegisteredItem[]> {
  const lists = await Promise.all(kit.registrars.map((registrar) => registrar.list(user)));
  return lists.flat();
}

/** How many items the policy wants kept: removing below it is refused, finishing below it too. */
export function methodsRequired(kit: RegistrationKit): number {
  return kit.policy.registrationRequired ? kit.policy.methodsToRegister : 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether "Is your security info still accurate?" is due: the interval (0 = never) counts from the last confirmation
 * (Done, "Looks good", or any change of a method). A person with no confirmation on record (seeded, imported, or
 * registered before this was kept) is not asked until they have one: there is no date to count from.
 */
export async function reconfirmDue(kit: RegistrationKit, user: DirectoryUser, count: number): Promise<boolean> {
  const days = kit.policy.reconfirmationDays;
  if (days === 0 || count === 0) return false;
  const { confirmedAt } = await kit.profiles.get(user.id);
  if (!confirmedAt) return false;
  return kit.clock.now().getTime() - confirmedAt.getTime() >= days * DAY_MS;
}

/** The kinds this person may add: allowed by the policy, and with a registrar on this server. */
export function addableKinds(kit: RegistrationKit): ManageSecurityInfoStep['canAdd'] {
  return kit.policy.registrationMethods.filter((kind) => registrarOf(kit.registrars, kind) !== null);
}

// Kinds a person keeps one of, refused (SECURITY_INFO_DUPLICATE) rather than replaced: not offered while one is there.
// Questions and the authenticator app replace the earlier one, so they stay offered.
const ONE_EACH: readonly SecurityInfoKind[] = ['approval'];

/** What the list offers to add: the addable kinds, less those of which the person already has their one. */
function offeredKinds(kit: RegistrationKit, items: readonly RegisteredItem[]): ManageSecurityInfoStep['canAdd'] {
  return addableKinds(kit).filter((kind) => !(ONE_EACH.includes(kind) && items.some((item) => item.kind === kind)));
}

export async function manageStep(
  kit: RegistrationKit,
  user: DirectoryUser,
  locale: string | null = null,
): Promise<ManageSecurityInfoStep> {
  const items = await itemsOf(kit, user);
  const profile = await kit.profiles.get(user.id);
  // The stored default while it is still there; else the first item (as a reset's chooser lists them).
  const stored = items.some((i) => i.id === profile.defaultMethodId) ? profile.defaultMethodId : null;
  const defaultId = stored ?? items[0]?.id ?? null;
  const required = methodsRequired(kit);
  const methods: SecurityInfoItem[] = items.map((item) => ({
    id: item.id,
    kind: item.kind,
    maskedTarget: item.maskedTarget,
    fromDirectory: item.fromDirectory,
    isDefault: item.id === defaultId,
    // Never the directory's own, and never below what the policy requires (never the last one while required).
    removable: !item.fromDirectory && items.length - 1 >= Math.max(required, required > 0 ? 1 : 0),
    ...(item.createdAt ? { createdAt: item.createdAt } : {}),
  }));
  const canAdd = offeredKinds(kit, items);
  const step: ManageSecurityInfoStep = { kind: 'manageSecurityInfo', methods, canAdd, methodsRequired: required };
  const withQuestions = canAdd.includes('questions') ? { ...step, questions: questionChoices(kit, locale) } : step;
  return (await reconfirmDue(kit, user, items.length)) ? { ...withQuestions, reconfirm: true } : withQuestions;
}

/** What the questions form offers: the policy's number, and the organisation's own in the flow's language. */
function questionChoices(
  kit: RegistrationKit,
  locale: string | null,
): NonNullable<ManageSecurityInfoStep['questions']> {
  const organization = questionCatalogue(locale, kit.policy.organizationQuestions)
    .filter((q) => q.source === 'organization')
    .map((q) => ({ id: q.id, text: q.text }));
  return { count: kit.policy.questionsToRegister, organization };
}

/** The step of a register flow's current state; the verification gate's own steps come from step-view. */
export async function registrationResponse(kit: RegistrationKit, flow: FlowRow, token: string): Promise<FlowResponse> {
  if (flow.state === 'choose_method' || flow.state === 'verify') {
    return respond(kit, { flow, token }, await subjectOf(kit, flow));
  }
  const step = await stepOf(kit, flow);
  return { flowToken: token, flow: { flowKind: 'register', expiresAt: flow.expires_at, step } };
}

async function stepOf(kit: RegistrationKit, flow: FlowRow): Promise<FlowStep> {
  switch (flow.state) {
    case 'sign_in':
      return { kind: 'signIn' };
    case 'completed':
      return { kind: 'done', outcome: 'securityInfoSaved' };
    case 'manage':
    case 'register_confirm': {
      const user = await ownerOf(kit, flow);
      const kind = flow.state === 'register_confirm' ? pendingKind(flow) : null;
      const proof = kind ? await registrarOf(kit.registrars, kind)?.view(flow.id) : null;
      if (kind && proof) return { kind: 'confirmRegistration', method: kind, proof };
      return manageStep(kit, user, flow.locale);
    }
    default:
      throw flowExpired();
  }
}

/** The directory user a register flow belongs to (signed in: never a decoy past sign_in). */
export async function ownerOf(kit: RegistrationKit, flow: FlowRow): Promise<DirectoryUser> {
  if (flow.decoy === 1 || !flow.user_id) throw flowExpired();
  const user = await kit.directory.findUser(flow.username);
  // Removed or renamed under the flow: it cannot go on.
  if (!user || user.id !== flow.user_id) throw flowExpired();
  return user;
}

export const PROOF_PREFIX = 'register:';

/** The kind whose proof is open (stored as the flow's method id `register:<kind>`). */
export function pendingKind(flow: FlowRow): SecurityInfoKind | null {
  if (!flow.method_id?.startsWith(PROOF_PREFIX)) return null;
  const parsed = SecurityInfoKindSchema.safeParse(flow.method_id.slice(PROOF_PREFIX.length));
  return parsed.success ? parsed.data : null;
}
