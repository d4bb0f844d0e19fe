import { describe, expect, it } from 'vitest';
import { auditMetricsObserver } from '../../../src-server/src/metrics/audit-metrics';
import { ServerMetrics } from '../../../src-server/src/metrics/server-metrics';
import { THROTTLE_RULES, refusalText, throttleRuleOf } from '../../../src-server/src/throttle/refusal-text';

// The one observer that turns audit rows into counts: every throttle rule read back from the text the guard writes,
// and facts outside the closed sets counted as "unknown" rather than becoming a label.
describe('metrics from audit rows', () => {
  it('reads every throttle rule back from its refusal text', () => {
    for (const rule of THROTTLE_RULES) {
      expect(throttleRuleOf(`RATE_LIMITED ${refusalText({ rule, scope: 'source', retryAfterSeconds: 60 })}`)).toBe(rule);
    }
    expect(throttleRuleOf('RATE_LIMITED Another check of this account is running: try again shortly.')).toBeNull();
  });

  it('counts by closed sets only: a method or channel it does not know is "unknown", never the text itself', async () => {
    const metrics = new ServerMetrics();
    const observe = auditMetricsObserver(metrics);
    observe({ event: 'verification.rejected', outcome: 'failure', detail: 'CODE_INVALID', flowId: 'f-1' });
    observe({ event: 'verification.passed', outcome: 'success', detail: 'Jan.Smit@contoso.example' });
    observe({ event: 'delivery.failed', outcome: 'failure', detail: '+31612345678 attempt 1/3 DELIVERY_FAILED' });
    observe({ event: 'flow.refused', outcome: 'failure', flowKind: 'unlock', detail: 'TOO_MANY_RESETS' });
    observe({ event: 'flow.refused', outcome: 'failure', flowKind: 'reset', detail: 'RATE_LIMITED Another check' });
    observe({ event: 'contact.requested', outcome: 'failure', detail: 'RATE_LIMITED ACCOUNT_NOT_VERIFIABLE' });
    const text = (await metrics.exposition()).text;
    expect(text).toContain('resetdesk_verifications_total{method="unknown",outcome="rejected"} 1');
    expect(text).toContain('resetdesk_verifications_total{method="unknown",outcome="passed"} 1');
    expect(text).toContain('resetdesk_delivery_failures_total{channel="unknown"} 1');
    expect(text).toContain('resetdesk_flows_total{kind="unlock",outcome="refused"} 1');
    expect(text).toContain('resetdesk_throttle_refusals_total{rule="resets"} 1');
    expect(text).toContain('resetdesk_throttle_refusals_total{rule="busy"} 1');
    expect(text).toContain('resetdesk_throttle_refusals_total{rule="help"} 1');
    expect(text).not.toMatch(/contoso|31612345678|f-1/u);
  });
});
