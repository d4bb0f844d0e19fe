import type { AuditLog } from '../audit/audit-log';
import type { CappedAudit } from '../audit/capped-audit';
import type { ConfiguredChannels } from '../delivery/configured-channels';
import { SeenCallbacks } from '../delivery/seen-callbacks';
import { SeenWebhookIds } from '../delivery/webhook/seen-webhook-ids';
import type { PlacedCalls } from '../delivery/voice/placed-calls';
import type { AppDeps } from '../http/app';
import type { VoiceCallMethod } from '../methods/voice-call/voice-call';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';

export interface ProviderCallbackWiringDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  audit: AuditLog;
  strangerAudit: CappedAudit;
  voice: VoiceCallMethod;
  placedCalls: PlacedCalls;
}

/**
 * The routes the providers call back (Twilio, the organisation's gateway), for the channels configured to use them
 * (none in the demo or without a provider).
 */
export function providerCallbackWiring(
  channels: ConfiguredChannels | null,
  deps: ProviderCallbackWiringDeps,
): Pick<AppDeps, 'twilioStatus' | 'twilioVoice' | 'webhookEvents'> {
  return { ...twilioCallbackWiring(channels, deps), ...webhookCallbackWiring(channels, deps) };
}

function webhookCallbackWiring(
  channels: ConfiguredChannels | null,
  deps: ProviderCallbackWiringDeps,
): Pick<AppDeps, 'webhookEvents'> {
  const verifier = channels?.webhookEvents ?? null;
  if (!verifier) return {};
  const { db, tenantId, clock, placedCalls, voice, audit, strangerAudit } = deps;
  const seenIds = new SeenWebhookIds({ db, tenantId, clock });
  return { webhookEvents: { verifier, seenIds, placedCalls, voice, audit, strangerAudit, clock } };
}

function twilioCallbackWiring(
  channels: ConfiguredChannels | null,
  deps: ProviderCallbackWiringDeps,
): Pick<AppDeps, 'twilioStatus' | 'twilioVoice'> {
  const sms = channels?.twilioCallbacks ?? null;
  const voice = channels?.twilioVoiceCallbacks ?? null;
  if (!sms && !voice) return {};
  // One replay store for every Twilio callback.
  const guard = { seen: new SeenCallbacks(deps), strangerAudit: deps.strangerAudit };
  return {
    ...(sms ? { twilioStatus: { verifier: sms, audit: deps.audit, ...guard } } : {}),
    ...(voice
      ? {
          twilioVoice: {
            gather: voice.gather,
            status: voice.status,
            placedCalls: deps.placedCalls,
            voice: deps.voice,
            audit: deps.audit,
            ...guard,
          },
        }
      : {}),
  };
}
