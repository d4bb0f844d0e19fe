import type { AuditLog } from '../audit/audit-log';
import type { ServerConfig } from '../config/server-config';
import { configuredChannels } from '../delivery/configured-channels';
import type { ConfiguredChannels } from '../delivery/configured-channels';
import type { Delivery } from '../delivery/delivery';
import { DeliveryQueue } from '../delivery/delivery-queue';
import { deliveryUpkeepSettings } from '../delivery/delivery-settings';
import type { DevOutbox } from '../delivery/dev-outbox';
import { ChannelHealthMonitor } from '../delivery/health/channel-health';
import type { PlacedCalls } from '../delivery/voice/placed-calls';
import type { ResetDeskDb } from '../store/store';
import type { Clock } from '../support/clock';
import type { Log } from '../support/log';

// How often the delivery worker looks for retries that came due (new messages start it at once).
const DELIVERY_POLL_MS = 5000;
// How often failed outbox rows past their retention are deleted (and once at start).
const OUTBOX_PURGE_MS = 6 * 60 * 60 * 1000;

export interface DeliveryRuntimeDeps {
  config: ServerConfig;
  db: ResetDeskDb;
  tenantId: string;
  outbox: DevOutbox;
  audit: AuditLog;
  clock: Clock;
  organizationName: string;
  // Where a provider's calls are remembered until answered, and how long a call rings (the voice method's policy).
  placedCalls: PlacedCalls;
  ringSeconds: number;
  // Replaces the channels behind the queue (tests: a channel that fails); it has no health check.
  channel?: Delivery;
  // Wraps whichever channel is behind the queue (the metrics count its tries).
  countChannel?: (channel: Delivery) => Delivery;
  // The server's logger: each worker logs on a child named after it.
  log: Log;
}

export interface DeliveryRuntime {
  queue: DeliveryQueue;
  // Every configured channel's state (no channel is checked in the demo or behind a test's channel).
  health: ChannelHealthMonitor;
  // The configured channels of a real server (null in the demo or behind a test's channel): their callbacks' routes.
  channels: ConfiguredChannels | null;
  // Waits for the first check of every channel (started with the runtime), so the server listens knowing them.
  prepare(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The delivery side of the composition root: the configured channels (a real server) or the dev outbox (the demo)
 * behind the outbox queue, the health monitor of those channels, and the timers that keep both going. Every timer is
 * unref'd and stopped on close.
 */
export function createDeliveryRuntime(deps: DeliveryRuntimeDeps): DeliveryRuntime {
  const { config, db, tenantId, audit, clock } = deps;
  const organizationName = deps.organizationName;
  const real =
    deps.channel || config.demo
      ? null
      : configuredChannels(config.delivery, {
          organizationName,
          placedCalls: deps.placedCalls,
          ringSeconds: deps.ringSeconds,
          clock,
        });
  const upkeep = deliveryUpkeepSettings(config.delivery);
  const health = new ChannelHealthMonitor({
    checks: real?.checks ?? [],
    clock,
    intervalSeconds: upkeep.health.intervalSeconds,
    log: deps.log.child({ worker: 'channel-health' }),
  });
  const chosen: Delivery = deps.channel ?? real?.delivery ?? deps.outbox;
  const channel = deps.countChannel ? deps.countChannel(chosen) : chosen;
  const queue = new DeliveryQueue({
    db, tenantId, channel, audit, clock, log: deps.log.child({ worker: 'delivery' }),
    onSendFailed: (c, final) => health.sendFailed(c, final),
  });
  deps.outbox.waitBeforeListing(() => queue.settle());
  const pollTimer = setInterval(() => queue.kick(), DELIVERY_POLL_MS);
  pollTimer.unref();
  // A store that fails under the purge is tried again at the next round.
  const upkeepLog = deps.log.child({ worker: 'upkeep' });
  const purge = () =>
    queue.purgeFailed(upkeep.outbox.failedRetentionDays).catch((error: unknown) => {
      upkeepLog.error({ err: error }, 'outbox purge failed');
      return 0;
    });
  const purgeTimer = setInterval(() => void purge(), OUTBOX_PURGE_MS);
  purgeTimer.unref();
  void health.start();
  void purge();
  return {
    queue,
    health,
    channels: real,
    prepare: () => health.settle(),
    async close() {
      clearInterval(pollTimer);
      clearInterval(purgeTimer);
      health.stop();
      await queue.settle();
      await health.settle();
      real?.close();
    },
  };
}
