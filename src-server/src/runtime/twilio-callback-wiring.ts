import type { AuditLog } from '../audit/audit-log';
import type { CappedAudit } from '../audit/capped-audit';
import type { ConfiguredChannels } from '../delivery/configured-channels';
import { SeenCallbacks } from '../delivery/seen-callbacks';
import type { PlacedCalls } from '../delivery/voice/placed-calls';
import type { AppDeps } from '../http/app';
import type { VoiceCallMethod } from '../methods/voice-call/voice-call';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';

export interface TwilioCallbackWiringDeps {
  db: ResetDeskDb;
  tenantId: string;
  clock: Clock;
  audit: AuditLog;
  strangerAudit: CappedAudit;
  voice: VoiceCallMethod;
  placedCalls: PlacedCalls;
}

/** The routes Twilio calls back, for the channels configured to use it (none in the demo or without Twilio). */
export function twilioCallbackWiring(
  channels: ConfiguredChannels | null,
  deps: TwilioCallbackWiringDeps,
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
