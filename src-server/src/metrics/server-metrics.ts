import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

let processFacts: Registry | null = null;

/**
 * CPU, memory, event-loop lag and GC, collected once per process (collectDefaultMetrics starts monitors that cannot
 * be stopped, so one per server would pile up in a process that builds many, as the tests do), and shown with each
 * server's own metrics: they are facts about the process, whichever server in it is asked.
 */
function processRegistry(): Registry {
  if (processFacts === null) {
    processFacts = new Registry();
    collectDefaultMetrics({ register: processFacts, prefix: 'resetdesk_' });
  }
  return processFacts;
}

// Seconds: a step is a few milliseconds unless it hashes or waits for the directory; 10 s is past any client timeout.
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric the reset server exports, on its own Registry (never prom-client's global one, so two servers in one
 * process, as in the tests, keep their own counts). Label values come only from closed sets (a flow kind, a method
 * kind, a route pattern, a rule, a channel, a directory operation): never a user ID, an address, a flow id or a token.
 */
export class ServerMetrics {
  readonly registry = new Registry();

  readonly flows = new Counter({
    name: 'resetdesk_flows_total',
    help: 'Flows by kind (reset, unlock, change) and outcome (started, refused, completed, failed, cancelled).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly verifications = new Counter({
    name: 'resetdesk_verifications_total',
    help: 'Verification gates by method kind and outcome (sent, passed, rejected, refused).',
    labelNames: ['method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly requestSeconds = new Histogram({
    name: 'resetdesk_http_request_duration_seconds',
    help: 'Time to answer a request, by the route pattern it matched (never the URL), method and status.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly throttleRefusals = new Counter({
    name: 'resetdesk_throttle_refusals_total',
    help: 'Requests refused by a throttle, by rule (path, change, sends, emails, help, resets, busy).',
    labelNames: ['rule'] as const,
    registers: [this.registry],
  });

  readonly deliveryAttempts = new Counter({
    name: 'resetdesk_delivery_attempts_total',
    help: 'Messages handed to a delivery channel (each try of a queued message), by channel.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly deliveryFailures = new Counter({
    name: 'resetdesk_delivery_failures_total',
    help: 'Failed deliveries by channel: a send that failed, or a provider reporting a message or call failed.',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });

  readonly directorySeconds = new Histogram({
    name: 'resetdesk_directory_operation_duration_seconds',
    help: 'Directory calls by operation (findUser, setPassword, ...) and outcome (ok, error).',
    labelNames: ['operation', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly shedRequests = new Counter({
    name: 'resetdesk_load_shed_total',
    help: 'Requests answered 503 SERVER_BUSY because the event loop was saturated, by what was over its limit.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  /** The exposition text (Prometheus text format 0.0.4) and its content type: this server's and the process's. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    const both = Registry.merge([this.registry, processRegistry()]);
    return { contentType: this.registry.contentType, text: await both.metrics() };
  }
}
