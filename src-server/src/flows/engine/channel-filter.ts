import type { DeliveryChannel, MethodOption } from '@resetdesk/shared';
import type { ChannelAvailability } from '../../delivery/health/channel-check';
import type { VerificationMethod } from '../../methods/verification-method';
import type { ResetRequirements } from '../../policy/reset-eligibility';

export interface ChannelFilterDeps {
  methods: readonly VerificationMethod[];
  // Which channels are down now; none when absent (the demo, a test without channels).
  channels?: ChannelAvailability;
}

function channelOf(deps: ChannelFilterDeps, kind: string): DeliveryChannel | null {
  return deps.methods.find((m) => m.kind === kind)?.channel ?? null;
}

/**
 * The options whose channel is up: a method that sends through a channel that is down is not offered (questions and
 * authenticator codes use none). The same filter for a real account and a decoy, so both lose the same methods.
 */
export function withoutDownChannels(deps: ChannelFilterDeps, options: readonly MethodOption[]): MethodOption[] {
  const down = deps.channels?.downChannels();
  if (!down || down.size === 0) return [...options];
  return options.filter((option) => {
    const channel = channelOf(deps, option.kind);
    return channel === null || !down.has(channel);
  });
}

/**
 * The channels that are down among those the policy's methods use, in the policy's order: the wizard says one line
 * for each. From the policy, not the account, so a real account and an unknown name are told the same.
 */
export function unavailableChannels(deps: ChannelFilterDeps, requirements: ResetRequirements): DeliveryChannel[] {
  const down = deps.channels?.downChannels();
  if (!down || down.size === 0) return [];
  const channels = requirements.methodKinds.map((kind) => channelOf(deps, kind));
  return [...new Set(channels)].filter((c): c is DeliveryChannel => c !== null && down.has(c));
}
