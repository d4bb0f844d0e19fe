import type { AuditLog } from '../audit/audit-log';
import { readSecret } from '../config/secret-ref';
import type { Delivery } from '../delivery/delivery';
import type { Directory } from '../directory/directory';
import { directoryNotReady } from '../directory/directory-readiness';
import type { OperationsParts } from '../http/operations/operations-wiring';
import type { OperationsSettings } from '../http/operations/operations-settings';
import { ReadinessCheck } from '../http/operations/readiness';
import type { ChannelHealthReport } from '../http/routes/health-routes';
import { auditMetricsObserver } from '../metrics/audit-metrics';
import { countedDelivery } from '../metrics/counted-delivery';
import { ServerMetrics } from '../metrics/server-metrics';
import { observedDirectory } from '../metrics/observed-directory';
import { storeAnswers } from '../store/store-readiness';
import type { ResetDeskDb } from '../store/store';

/**
 * The composition root's operability part: one metrics registry per server, fed by the audit trail (one observer),
 * the directory (timed; the same measurement is its request log line) and the delivery channel (counted); the
 * readiness probes; the /metrics token. The runtime passes each service through here once, so nothing else in the
 * server knows metrics exist.
 */
export class OperationsWiring {
  readonly metrics = new ServerMetrics();
  private readonly settings: OperationsSettings;

  constructor(settings: OperationsSettings) {
    this.settings = settings;
  }

  /** The directory every service uses, timed by operation (the metric, and a request's log line: one measurement). */
  timed(directory: Directory): Directory {
    return observedDirectory(directory, this.metrics);
  }

  /** The audit log, with the observer the flow, verification, throttle and delivery-failure counts come from. */
  observed(audit: AuditLog): AuditLog {
    audit.observe(auditMetricsObserver(this.metrics));
    return audit;
  }

  /** The channel behind the delivery queue, counting its tries. */
  readonly counted = (channel: Delivery): Delivery => countedDelivery(channel, this.metrics);

  /** What the app serves /docs, /readyz and /metrics with. Reads the metrics token (unreadable: the start stops). */
  parts(deps: {
    db: ResetDeskDb;
    directory: Directory;
    channels: ChannelHealthReport;
    // The throttles' own store when it is not the database (a shared Redis): unreachable, every step is refused.
    throttles: { notReady(): Promise<string | null> };
  }): OperationsParts {
    const token = this.settings.metrics.bearerToken;
    const readiness = new ReadinessCheck({
      probes: [
        { part: 'store', notReady: () => storeAnswers(deps.db).then(() => null, () => 'query_failed') },
        { part: 'directory', notReady: () => directoryNotReady(deps.directory) },
        { part: 'throttles', notReady: () => deps.throttles.notReady() },
      ],
      channels: deps.channels,
      settings: this.settings.readiness,
    });
    return {
      settings: this.settings,
      readiness,
      metrics: this.metrics,
      metricsToken: token ? readSecret(token, 'operations.metrics.bearerToken') : null,
    };
  }
}
