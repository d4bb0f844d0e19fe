import type { MethodKind } from '@resetdesk/shared';
import type { Weighted } from './decoy-random';

// Types only, so that a decoy profile can name the survey it is drawn from without importing the survey, which
// imports the verification methods, which name the decoy profile.

/** What the tenant's real, ordinary accounts have registered: the population a decoy must look like a member of. */
export interface MethodDistribution {
  // Method kind sets in the order the chooser lists them (the policy's, with the account's default first), e.g.
  // ['sms', 'voice'], with the gates of the accounts that have them, weighted by how many accounts have exactly that
  // set and gates (administrators included, with their two gates).
  methodSets: Weighted<DecoyMethodSet>[];
  emailDomains: Weighted<string>[];
  // The domains of further registered addresses (a private one more often than the company's).
  extraEmailDomains?: Weighted<string>[];
  approvalLabels: Weighted<string>[];
  // How many security questions accounts registered (the asked ones are drawn from these, so it shows over time).
  questionCounts: Weighted<number>[];
}

export interface DecoyMethodSet {
  kinds: MethodKind[];
  gatesRequired: 1 | 2;
  // Further registered addresses and phones beyond the first (each its own option); 0 when absent.
  extraEmails?: number;
  extraPhones?: number;
  // The account's default method was offered (its kind leads `kinds`): which of its addresses or phones it was.
  defaultContact?: number;
}
