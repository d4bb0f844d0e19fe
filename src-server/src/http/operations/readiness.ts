import { performance } from 'node:perf_hooks';
import type { Readiness, ReadinessPart } from '@resetdesk/shared';
import type { ChannelHealthReport } from '../routes/health-routes';
import type { ReadinessSettings } from './operations-settings';

/** One part /readyz asks: null when ready, else a reason code (never a host, an address or a secret). */
export interface ReadinessProbe {
  part: string;
  notReady(): Promise<string | null>;
}

export interface ReadinessDeps {
  probes: readonly ReadinessProbe[];
  // The channels' states as the health monitor tracks them (delivery/health/): read, not checked again.
  channels: ChannelHealthReport | null;
  settings: ReadinessSettings;
}

const TIMEOUT = Symbol('timeout');

/**
 * Whether the server can do its work now: the store answers a query, the directory passes its health check, every
 * configured channel is up. Anyone can call /readyz, and a directory check binds to LDAP, so answers are kept for
 * `cacheSeconds` and callers meanwhile share one round of checks; each probe has `timeoutMs` to answer.
 */
export class ReadinessCheck {
  private readonly deps: ReadinessDeps;
  private last: { at: number; parts: ReadinessPart[] } | null = null;
  private running: Promise<ReadinessPart[]> | null = null;

  constructor(deps: ReadinessDeps) {
    this.deps = deps;
  }

  async report(extra: readonly ReadinessPart[] = []): Promise<Readiness> {
    const parts = [...(await this.probedParts()), ...this.channelParts(), ...extra];
    return { status: parts.every((part) => part.ready) ? 'ready' : 'not_ready', parts };
  }

  private async probedParts(): Promise<ReadinessPart[]> {
    const maxAgeMs = this.deps.settings.cacheSeconds * 1000;
    if (this.last && performance.now() - this.last.at < maxAgeMs) return this.last.parts;
    this.running ??= this.probeAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async probeAll(): Promise<ReadinessPart[]> {
    const parts = await Promise.all(this.deps.probes.map((probe) => this.probe(probe)));
    this.last = { at: performance.now(), parts };
    return parts;
  }

  private async probe(probe: ReadinessProbe): Promise<ReadinessPart> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<typeof TIMEOUT>((resolve) => {
      timer = setTimeout(() => resolve(TIMEOUT), this.deps.settings.timeoutMs);
      timer.unref();
    });
    try {
      const answer = await Promise.race([probe.notReady().catch(() => 'check_failed'), timeout]);
      const reason = answer === TIMEOUT ? 'timeout' : answer;
      return { part: probe.part, ready: reason === null, reason };
    } finally {
      clearTimeout(timer);
    }
  }

  private channelParts(): ReadinessPart[] {
    return (this.deps.channels?.report() ?? []).map((state) => ({
      part: `channel:${state.channel}`,
      ready: state.state === 'up',
      reason: state.state === 'up' ? null : (state.reason ?? 'down'),
    }));
  }
}
