import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tapCommand } from '../../../src-server/src/cli/tap-commands';
import { usersMethodsCommand } from '../../../src-server/src/cli/users-methods-commands';
import { loadServerConfig } from '../../../src-server/src/config/server-config';
import { DEMO_METHODS } from '../../../src-server/src/demo/demo-users';
import { runCli } from '../support/cli-runner';
import type { CliResult } from '../support/cli-runner';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import { testStoreEnv } from '../support/test-store-env';

// `resetdesk-server tap ...` and `users methods ...` on the data directory (and database) of a demo server, the pass
// then used in a reset by the server itself (same key, same rows). A few run as real processes (the command line,
// exit codes, output); the rest call the same command functions in this process, which is much faster.

let temp: ReturnType<typeof makeTempDir>;
let dataDir: string;
let env: Record<string, string>;

const cli = (...args: string[]): Promise<CliResult> => runCli(dataDir, args, { env });

/** The command function main.ts dispatches to, with the same configuration, output captured. */
async function run(command: 'tap' | 'users methods', ...args: string[]): Promise<CliResult> {
  const config = loadServerConfig({ env, flags: { dataDir } });
  let stdout = '';
  let stderr = '';
  const out = (text: string) => (stdout += `${text}\n`);
  const err = (text: string) => (stderr += `${text}\n`);
  const flag = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const positional = args.filter((a, i) => !a.startsWith('--') && !(args[i - 1] ?? '').startsWith('--'));
  const code =
    command === 'tap'
      ? await tapCommand(config, positional, {
          user: flag('--user'),
          lifetime: flag('--lifetime'),
          oneTime: args.includes('--one-time'),
          id: flag('--id'),
        }, out, err)
      : await usersMethodsCommand(config, positional, out, err);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  temp = makeTempDir();
  dataDir = join(temp.dir, 'data');
  const policyFile = join(temp.dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify({ captcha: { mode: 'off' }, methods: [...DEMO_METHODS, 'tap'] }));
  env = { ...(await testStoreEnv()), RESETDESK_POLICY_FILE: policyFile };
  // The demo's users and registrations (Jamal's questions, app, approver and second address).
  const server = await createTestServer({ demo: true, dataDir, env });
  await server.close();
}, 60_000);
afterAll(() => temp.remove());

async function resetWith(username: string, pass: string): Promise<string> {
  const server = await createTestServer({ demo: true, dataDir, env });
  try {
    const ctx = { ip: '192.0.2.91' };
    const started = await server.runtime.flows.start({ kind: 'reset', username }, ctx);
    const entering = await server.runtime.flows.chooseMethod(started.flowToken, 'tap', ctx);
    return (await server.runtime.flows.verifyCode(entering.flowToken, pass, ctx)).flow.step.kind;
  } finally {
    await server.close();
  }
}

describe('resetdesk-server tap', () => {
  it('issues a pass shown once, lists passes without it, and the server accepts it once', async () => {
    const issued = await cli('tap', 'issue', '--user', 'bianca', '--lifetime', '1h', '--one-time');
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^[0-9]{10}\n$/u);
    const pass = issued.stdout.trim();
    expect(issued.stderr).toMatch(/one use, expires .*shown only now/u);
    const listed = await run('tap', 'list', '--user', 'bianca');
    expect(listed.stdout).toMatch(/\tbianca\tissued\tone-time 0\/1\t/u);
    expect(listed.stdout).not.toContain(pass);

    expect(await resetWith('bianca', pass)).toBe('newPassword');
    expect((await run('tap', 'list')).stdout).toMatch(/\tbianca\tused\tone-time 1\/1\t/u);
    const revokeUsed = await run('tap', 'revoke', '--user', 'bianca');
    expect(revokeUsed).toMatchObject({ code: 1, stdout: 'No pass in force for bianca.\n' });
  });

  it('refuses lifetimes outside the bounds, unknown users and missing options', async () => {
    const tooShort = await run('tap', 'issue', '--user', 'bianca', '--lifetime', '5m');
    expect(tooShort).toMatchObject({ code: 2, stderr: 'A pass lives from 10 to 43200 minutes.\n' });
    expect((await run('tap', 'issue', '--user', 'bianca', '--lifetime', '31d')).code).toBe(2);
    expect((await run('tap', 'issue', '--user', 'bianca')).code).toBe(2);
    expect((await run('tap', 'issue', '--lifetime', '1h')).code).toBe(2);
    expect((await run('tap', 'issue', '--user', 'nobody-here', '--lifetime', '1h')).code).toBe(1);
    expect((await run('tap', 'forget')).code).toBe(2);
  });

  it('revokes a pass, audited, and the server then names it revoked', async () => {
    const issued = await run('tap', 'issue', '--user', 'adele', '--lifetime', '2h');
    const id = /Temporary Access Pass ([0-9a-f-]{36})/u.exec(issued.stderr)?.[1] ?? '';
    const revoked = await run('tap', 'revoke', '--user', 'adele', '--id', id);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked 1 pass(es) of adele.\n' });
    expect((await run('tap', 'list', '--user', 'adele')).stdout).toContain(`${id}\tadele\trevoked\tmulti-use 0`);
    await expect(resetWith('adele', issued.stdout.trim())).rejects.toMatchObject({ code: 'TAP_REVOKED' });
    const audit = (await cli('audit', '--limit', '1000')).stdout;
    for (const event of ['tap.issued', 'tap.revoked', 'tap.used']) expect(audit).toContain(`\t${event}\tsuccess\t`);
    expect(audit).not.toContain(issued.stdout.trim());
  });
});

describe('resetdesk-server users methods', () => {
  it('lists a person\'s methods masked, and a reset clears what they registered (audited)', async () => {
    const listed = await run('users methods', 'jamal');
    expect(listed.code).toBe(0);
    const kinds = listed.stdout.trim().split('\n').map((line) => line.split('\t').slice(0, 2).join(' '));
    expect(kinds).toEqual([
      'email directory',
      'phone directory',
      'email registered',
      'approval registered',
      'questions registered',
      'totp registered',
    ]);
    expect(listed.stdout).toContain('\u2022\u2022\u2022@');
    expect(listed.stdout).not.toMatch(/jamal\.idris@|Volvo|KRSXG5/u);
    const reset = await cli('users', 'methods', 'reset', 'jamal');
    const cleared = 'Cleared 4 registered method(s) of jamal: they must register again.\n';
    expect(reset).toMatchObject({ code: 0, stdout: cleared });
    const after = (await run('users methods', 'jamal')).stdout.trim().split('\n');
    expect(after.map((line) => line.split('\t')[1])).toEqual(['directory', 'directory']);
    expect((await cli('audit', '--user', 'jamal')).stdout).toMatch(/\tmethods\.reset\tsuccess\tjamal\t.*4 cleared by /u);
    expect((await run('users methods', 'nobody-here')).code).toBe(1);
    expect((await run('users methods')).code).toBe(2);
  });
});
