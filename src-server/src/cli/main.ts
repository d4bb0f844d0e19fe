import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { AuditLog } from '../audit/audit-log';
import { ConfigError, loadServerConfig } from '../config/server-config';
import type { ServerConfig, ServerFlags } from '../config/server-config';
import { seedDemoTenant } from '../demo/demo-tenant';
import { DEMO_USERS } from '../demo/demo-users';
import { BuiltinUserListSchema, createBuiltinUsers } from '../directory/builtin/builtin-users';
import { startServer } from '../runtime/start-server';
import { openStore } from '../store/store';
import { DEFAULT_TENANT_ID } from '../store/tenants';
import { systemClock } from '../support/clock';
import { openCliStore } from './cli-store';
import { CONFIG_USAGE, configCommand } from './config-commands';
import { DELIVERY_USAGE, deliveryCommand } from './delivery-commands';
import { DIRECTORY_USAGE, directoryCommand } from './directory-commands';
import { DEVICES_USAGE, runDevicesCommand } from './device-commands';
import { HOLDS_USAGE, holdsCommand } from './hold-commands';
import { parseSince, policyCommand } from './policy-commands';
import { PASSWORD_USAGE, passwordCommand } from './password-commands';
import { serveUntilSignalled } from './serve-lifecycle';
import { REPORT_USAGE, reportCommand } from './report-commands';
import { TAP_USAGE, tapCommand } from './tap-commands';
import { USERS_METHODS_USAGE, usersMethodsCommand } from './users-methods-commands';

const USAGE = `Usage: resetdesk-server <command> [options]

Commands:
  serve [--demo]              Run the reset server (migrates first; --demo seeds and serves the demo tenant, on a
                              loopback host only unless --demo-on-network)
${CONFIG_USAGE}
  migrate                     Bring the database to the latest schema
  seed-demo                   Create the demo tenant and users (idempotent)
  users import <file.json>    Create users from a JSON array of {username, displayName, email?, phone?, password?,
                              enabledForReset?}; existing usernames are skipped
${USERS_METHODS_USAGE}
  audit [--user U] [--since T] [--limit N]
                              Print the audit log, newest first (T: ISO date/time, or 30m / 24h / 7d back)
  policy show                 Print the effective reset policy (file + changes made with policy set)
  policy set <key> <value>    Change one setting (dotted key, JSON or plain value), validated and audited
  policy unset <key>          Drop a change made with policy set
  policy banned add <term>... | remove <term> | list
                              The organisation's custom banned password terms (4-16 characters, up to 1000), audited
${PASSWORD_USAGE}
${DIRECTORY_USAGE}
${DELIVERY_USAGE}
${DEVICES_USAGE}
${HOLDS_USAGE}
${REPORT_USAGE}
${TAP_USAGE}

Options for every command:
  --port N  --host H  --data-dir DIR   (or RESETDESK_PORT, RESETDESK_HOST, RESETDESK_DATA_DIR)
Settings: RESETDESK_CONFIG_FILE names a YAML or JSON configuration file; RESETDESK_* variables override it.
`;

const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const err = (text: string): void => {
  process.stderr.write(`${text}\n`);
};

function parseCommandLine(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      demo: { type: 'boolean' },
      'demo-on-network': { type: 'boolean' },
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      user: { type: 'string' },
      email: { type: 'string' },
      sms: { type: 'string' },
      call: { type: 'string' },
      limit: { type: 'string' },
      expires: { type: 'string' },
      uses: { type: 'string' },
      label: { type: 'string' },
      since: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      lifetime: { type: 'string' },
      'one-time': { type: 'boolean' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function devicesOptions(values: { expires?: string; uses?: string; label?: string }) {
  return { expires: values.expires, uses: values.uses, label: values.label };
}

function describeDemoUsers(): string {
  const rows = DEMO_USERS.map((u) => `  ${u.username.padEnd(8)} ${u.password.padEnd(20)} ${u.shows}`);
  return ['Demo users (username, password, what a reset shows):', ...rows].join('\n');
}

async function serve(config: ServerConfig): Promise<number> {
  // The shutdown test's seam (http/routes/test-hold-routes.ts): a route held open until this file exists.
  const testHoldFile = process.env.RESETDESK_TEST_HOLD_FILE;
  const server = await startServer(config, testHoldFile ? { testHoldFile } : {});
  out(`ResetDesk reset server listening on ${server.url}`);
  if (config.demo) {
    out(describeDemoUsers());
    out('Demo approver links (open on the "phone" to approve requests with number matching):');
    for (const user of DEMO_USERS) {
      if (user.approver) out(`  ${user.username.padEnd(8)} ${server.url}/approver#key=${user.approver.key}`);
    }
    out(`Demo phone: voice calls appear in the outbox (${server.url}/api/v1/demo/outbox) with a call id;`);
    out('  answer one with POST /api/v1/demo/phone {"callId": "...", "action": "press-hash" | "hang-up"}.');
  }
  out(`Directory: ${config.directory.kind}`);
  if (!config.demo) {
    const channels = Object.keys(config.delivery ?? {});
    if (channels.length > 0) out(`Delivery: ${channels.join(', ')}`);
    else {
      out('Warning: no delivery channel is configured (the delivery section of RESETDESK_CONFIG_FILE): codes are');
      out('queued but never sent, and each failure is in the audit log (delivery.failed). Use --demo for the dev');
      out('outbox, which shows codes here.');
    }
  }
  const code = await serveUntilSignalled(server, config.shutdownGraceSeconds, out, err);
  // Closed: whatever a request cut at the grace period left running (a hung directory call, its timer) must not keep
  // the process alive.
  process.exit(code);
}

async function migrate(config: ServerConfig): Promise<number> {
  const store = await openStore(config.dataDir, config.store);
  const applied = store.migrationsApplied;
  out(`Database ${store.location} is up to date${applied.length ? ` (applied ${applied.join(', ')})` : ''}.`);
  await store.close();
  return 0;
}

async function seedDemo(config: ServerConfig): Promise<number> {
  const { store, usersDeps } = await openCliStore(config);
  try {
    const result = await seedDemoTenant(usersDeps);
    out(`Demo tenant seeded: ${result.created} created, ${result.skipped} already present.`);
    out(describeDemoUsers());
  } finally {
    await store.close();
  }
  return 0;
}

async function importUsers(config: ServerConfig, file: string | undefined): Promise<number> {
  if (!file) {
    process.stderr.write('users import needs a file: resetdesk-server users import <file.json>\n');
    return 2;
  }
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // No parser message: it would quote the file, and the file holds passwords.
    process.stderr.write(`Cannot read ${file} as JSON.\n`);
    return 2;
  }
  const parsed = BuiltinUserListSchema.safeParse(content);
  if (!parsed.success) {
    // Paths and messages only: zod 4 does not echo input values, so no password from the file is printed.
    process.stderr.write(`The users file is not valid:\n${z.prettifyError(parsed.error)}\n`);
    return 2;
  }
  const { store, usersDeps } = await openCliStore(config);
  try {
    const result = await createBuiltinUsers(usersDeps, parsed.data);
    out(`Users imported: ${result.created} created, ${result.skipped} already present.`);
  } finally {
    await store.close();
  }
  return 0;
}

async function printAudit(
  config: ServerConfig,
  user: string | undefined,
  limit: string | undefined,
  sinceText: string | undefined,
): Promise<number> {
  const parsedLimit = z.coerce.number().int().min(1).max(100_000).safeParse(limit ?? '100');
  if (!parsedLimit.success) {
    process.stderr.write('--limit must be a whole number from 1 to 100000\n');
    return 2;
  }
  const since = sinceText === undefined ? undefined : parseSince(sinceText, systemClock.now());
  if (since === null) {
    process.stderr.write('--since must be an ISO date/time (2026-03-02T09:00Z) or a span such as 30m, 24h, 7d\n');
    return 2;
  }
  const store = await openStore(config.dataDir, config.store);
  try {
    const audit = new AuditLog({ db: store.db, tenantId: DEFAULT_TENANT_ID, clock: systemClock });
    const rows = await audit.list({
      ...(user ? { username: user } : {}),
      ...(since ? { since } : {}),
      limit: parsedLimit.data,
    });
    for (const row of rows) {
      out(
        [row.at, row.event, row.outcome, row.username ?? '-', row.ip ?? '-', row.flow_id ?? '-', row.detail ?? '']
          .join('\t')
          .trimEnd(),
      );
    }
  } finally {
    await store.close();
  }
  return 0;
}

async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.help || !command || command === 'help') {
    out(USAGE);
    return command || values.help ? 0 : 2;
  }
  const flags: ServerFlags = {
    ...(values.demo ? { demo: true } : {}),
    ...(values['demo-on-network'] ? { demoOnNetwork: true } : {}),
    ...(values.port !== undefined ? { port: values.port } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['data-dir'] !== undefined ? { dataDir: values['data-dir'] } : {}),
  };
  // Before loading: the check reports a bad configuration itself, and exits 1 for it.
  if (command === 'config') return configCommand(rest, flags, out, err);
  try {
    const config = loadServerConfig({ flags });
    switch (command) {
      case 'serve':
        return await serve(config);
      case 'migrate':
        return await migrate(config);
      case 'seed-demo':
        return await seedDemo(config);
      case 'users':
        if (rest[0] === 'import') return await importUsers(config, rest[1]);
        if (rest[0] === 'methods') return await usersMethodsCommand(config, rest.slice(1), out, err);
        break;
      case 'audit':
        return await printAudit(config, values.user, values.limit, values.since);
      case 'policy':
        return await policyCommand(config, rest, out, err);
      case 'password':
        return await passwordCommand(config, rest, values.user, out, err);
      case 'delivery':
        return await deliveryCommand(config, rest, { email: values.email, sms: values.sms, call: values.call }, out,
          err);
      case 'directory':
        return await directoryCommand(config, rest, values.user, out, err);
      case 'devices':
        return await runDevicesCommand(config, rest, devicesOptions(values), out, err);
      case 'holds':
        return await holdsCommand(config, rest, values.user, out, err);
      case 'report':
        if (rest.length > 0) break;
        return await reportCommand(config, { since: values.since, json: values.json, csv: values.csv }, out, err);
      case 'tap':
        return await tapCommand(config, rest, { user: values.user, lifetime: values.lifetime,
          oneTime: values['one-time'], id: values.id }, out, err);
    }
    process.stderr.write(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`resetdesk-server failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
