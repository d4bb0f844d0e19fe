import type {
  BeginRegistrationRequest,
  ErrorCode,
  PasskeyAttestation,
  ErrorDetails,
  RegistrationProof,
  SecurityInfoKind,
} from '@resetdesk/shared';
import type { DirectoryUser } from '../directory/directory';
import type { FailedCheck, VerificationFailure } from './verification-method';

/** One registered method of a person, as the manage step lists it (masked) and the notices name it. */
export interface RegisteredItem {
  // Stable for the registration (for example `phone:<row id>`); `directory:email` for the directory's own.
  id: string;
  kind: SecurityInfoKind;
  maskedTarget: string;
  // The directory's mail or mobile: listed, never removed here (the directory owns it).
  fromDirectory: boolean;
  // Where the person is told about changes, when this item is an address (the notices go to every one).
  noticeAddress?: string;
  // When it was registered, where the registrar knows it (passkeys: the list shows the date).
  createdAt?: string;
}

/** The registration being proved: which flow, whose, in which language, and until when it may live. */
export interface RegistrarContext {
  flowId: string;
  user: DirectoryUser;
  locale: string | null;
  notAfter: Date;
}

/**
 * What a person gives back to prove the new method (a code, a new passkey's attestation), or the wizard's poll of a
 * proof decided elsewhere (an approver device confirming its pairing).
 */
export type RegistrationAnswer =
  | { kind: 'code'; code: string }
  | { kind: 'attestation'; attestation: PasskeyAttestation }
  | { kind: 'poll' };

/**
 * The result of a proof: saved (and what), still pending (a poll before the device answered: the same step again),
 * or a failure the flow refuses with the registrar's failureOf.
 */
export type RegistrationOutcome = { result: 'saved'; item: RegisteredItem } | { result: 'pending' } | FailedCheck;

/**
 * What begin gives back: the saved item for a kind with no proof step, nothing when a proof is open now (void, so
 * the registrars with a proof step keep their plain `Promise<void>` begin).
 */
// eslint-disable-next-line @typescript-eslint/no-invalid-void-type
export type BeginOutcome = RegisteredItem | void;

/** A refusal of the input before anything is sent (a bad address, a duplicate): the flow audits and throws it. */
export class RegistrationInputError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    // What the form marks (for example the broken answer rules); never a secret or what was typed.
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

/**
 * What a method implements to be registered in security info (flows/registration/): list what the person has,
 * begin (validate the input, send or show the proof: a code, a secret, a WebAuthn challenge), confirm (check the
 * proof once; only then is it saved), and remove. Each registrar keeps its own rows; the flow owns the steps, the
 * throttles, the audit rows and the notices. `K` is the kind of its BeginRegistrationRequest variant.
 */
export interface MethodRegistrar<K extends SecurityInfoKind = SecurityInfoKind> {
  readonly kind: K;
  /** What this person has registered of this kind, masked (the directory's own entries included). */
  list(user: DirectoryUser): Promise<RegisteredItem[]>;
  /**
   * Starts proving a new method; any earlier open proof of this flow stops working. Throws RegistrationInputError
   * for input it refuses (nothing is sent then). A kind that needs no proof (security questions: what is typed is
   * the whole registration) saves at once and returns the saved item; the flow then goes straight back to the list.
   */
  begin(context: RegistrarContext, input: Extract<BeginRegistrationRequest, { kind: K }>): Promise<BeginOutcome>;
  /** The open proof as the wizard shows it, or null when none is open. */
  view(flowId: string): Promise<RegistrationProof | null>;
  /** Checks the proof against the open one, once (parallel confirms: exactly one can save). Saved only on success. */
  confirm(context: RegistrarContext, answer: RegistrationAnswer): Promise<RegistrationOutcome>;
  /** Removes one of the person's own items; the removed item, or null when it is not theirs (or the directory's). */
  remove(user: DirectoryUser, itemId: string): Promise<RegisteredItem | null>;
  /** The error code, message and details a failed proof is refused with. */
  failureOf(check: FailedCheck): VerificationFailure;
}

/** Every registrar the server has, found by kind (a kind without one cannot be registered here yet). */
export type Registrars = readonly MethodRegistrar[];

export function registrarOf(registrars: Registrars, kind: SecurityInfoKind): MethodRegistrar | null {
  return registrars.find((r) => r.kind === kind) ?? null;
}
