import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditLog } from '../../../../src-server/src/audit/audit-log';
import { openStore, type Store } from '../../../../src-server/src/store/store';
import { DEFAULT_TENANT_ID } from '../../../../src-server/src/store/tenants';
import { systemClock } from '../../../../src-server/src/support/clock';
import type { AuditLogRow } from '../../../../src-server/src/store/database-schema';
import type { TestSmtpServer } from '../../support/smtp-server';

export const ORGANIZATION = 'Contoso';

/**
 * The settings files of a non-demo reset server for the fault suite: email codes through the real relay, one
 * method, no CAPTCHA, and throttles far above what twenty rounds on one account need (the suite is not about them).
 * Returns the RESETDESK_* variables.
 */
export function faultServerEnv(
  dir: string,
  relay: TestSmtpServer,
  extra: { directory?: object; policy?: object; env?: Record<string, string> } = {},
): Record<string, string> {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const many = { max: 1000, windowMinutes: 60 };
  const policy = {
    methods: ['email'],
    captcha: { mode: 'off' },
    throttle: { resets: many, methodTries: many, emails: { max: 1000, windowMinutes: 10 } },
    ...extra.policy,
  };
  const email = { host: relay.host, port: relay.port, security: 'none', from: { address: 'no-reply@contoso.example' } };
  writeFileSync(join(dir, 'policy.json'), JSON.stringify(policy));
  writeFileSync(join(dir, 'delivery.json'), JSON.stringify({ email, health: { intervalSeconds: 5 } }));
  const env: Record<string, string> = {
    RESETDESK_DATA_DIR: join(dir, 'data'),
    RESETDESK_WIZARD_DIR: join(dir, 'no-wizard'),
    RESETDESK_POLICY_FILE: join(dir, 'policy.json'),
    RESETDESK_DELIVERY_FILE: join(dir, 'delivery.json'),
    RESETDESK_ORG_NAME: ORGANIZATION,
    ...extra.env,
  };
  if (extra.directory) {
    writeFileSync(join(dir, 'directory.json'), JSON.stringify(extra.directory));
    env['RESETDESK_DIRECTORY_FILE'] = join(dir, 'directory.json');
  }
  return env;
}

/** The server's store opened beside it by the test (SQLite in its data folder): audit rows as they were committed. */
export class StoreView {
  private constructor(readonly store: Store, private readonly audit: AuditLog) {}

  static async open(dataDir: string): Promise<StoreView> {
    const store = await openStore(dataDir);
    return new StoreView(store, new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock }));
  }

  async auditOf(flowId: string): Promise<AuditLogRow[]> {
    return this.audit.listForFlow(flowId);
  }

  async newestFlowId(username: string): Promise<string> {
    const [row] = (await this.audit.list({ username, limit: 200 })).filter((r) => r.event === 'flow.started');
    if (!row?.flow_id) throw new Error(`no flow of ${username}`);
    return row.flow_id;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
