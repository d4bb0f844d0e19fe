import { randomBytes } from 'node:crypto';
import { AuditUsageQuery } from '../audit/usage-report';
import type { ServerConfig } from '../config/server-config';
import { UnconfiguredDelivery } from '../delivery/unconfigured-delivery';
import { createDirectory } from '../directory/create-directory';
import { TenantDomains } from '../directory/tenant-domains';
import { registrationCoverage } from '../methods/registration-coverage';
import { ANSWER_SCRYPT_COST } from '../methods/security-questions/security-questions';
import { PolicyOverrideStore } from '../policy/policy-overrides';
import { createVerificationMethods } from '../runtime/verification-methods';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { openCliStore } from './cli-store';
import { parseSince } from './policy-commands';
import { reportCsv, reportText, UsageReportSchema } from './report-format';
import type { UsageReport } from './report-format';
import { HashPool } from '../support/hash-pool';

export const REPORT_USAGE = `  report [--since T] [--json | --csv]
                              Usage and insights: registration coverage by method, resets/unlocks/changes per day
                              by outcome and method, the most common failure reasons (T as for audit; default 30d)`;

const FAILURE_REASONS = 10;

export interface ReportOptions {
  since: string | undefined;
  json: boolean | undefined;
  csv: boolean | undefined;
}

/** `resetdesk-server report`: exit 0 with the report, 2 for bad options. */
export async function reportCommand(
  config: ServerConfig,
  options: ReportOptions,
  out: (text: string) => void,
  err: (text: string) => void,
): Promise<number> {
  if (options.json && options.csv) {
    err('report takes --json or --csv, not both');
    return 2;
  }
  const now = systemClock.now();
  const since = parseSince(options.since ?? '30d', now);
  if (since === null || since > now) {
    err('--since must be an ISO date/time in the past (2026-03-02T09:00Z) or a span such as 12h, 7d, 30d');
    return 2;
  }
  const report = UsageReportSchema.parse(await buildReport(config, since, now));
  if (options.json) out(JSON.stringify(report, null, 2));
  else if (options.csv) out(reportCsv(report));
  else out(reportText(report));
  return 0;
}

async function buildReport(config: ServerConfig, since: Date, until: Date): Promise<UsageReport> {
  const { store, usersDeps } = await openCliStore(config);
  const { db } = store;
  const tenantId = DEFAULT_TENANT_ID;
  const clock = systemClock;
  const policy = await new PolicyOverrideStore({ db, tenantId, clock }).effective(config.policy);
  const domains = new TenantDomains([policy.emailDomain, ...policy.domainNames]);
  const directory = createDirectory(config.directory, { ...usersDeps, clock, domains });
  try {
    // The methods only answer "is something registered" here: nothing is sent, and no code is made or checked, so
    // the code key need not be the server's.
    const methods = createVerificationMethods({
      db, tenantId, clock, policy, delivery: new UnconfiguredDelivery(), codeHmacKey: randomBytes(32),
      answerCost: ANSWER_SCRYPT_COST, hashPool: new HashPool(config.hashPool),
    });
    const users = directory.listUsers ? await directory.listUsers() : null;
    const audit = new AuditUsageQuery({ db, tenantId });
    return {
      since: since.toISOString(),
      until: until.toISOString(),
      coverage: users === null ? null : await registrationCoverage(users, methods.all),
      activity: await audit.activity(since),
      failures: await audit.failureReasons(since, FAILURE_REASONS),
    };
  } finally {
    await directory.close?.();
    await store.close();
  }
}
