import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerConfig } from '../../src-server/src/config/server-config';
import type { Directory } from '../../src-server/src/directory/directory';
import { loadPasswordChecker } from '../../src-server/src/password/password-protection';
import { createServerRuntime } from '../../src-server/src/runtime/server-runtime';
import { DEFAULT_TENANT_ID } from '../../src-server/src/store/tenants';
import { systemClock } from '../../src-server/src/support/clock';
import { RecordingChannel } from '../../test/server/support/recording-channel';
import { makeTempDir } from '../../test/server/support/server-fixtures';
import { activeDirectoryTarget, builtinTarget, ldapTarget } from './directory-targets';
import type { BenchTarget, DirectoryKind } from './directory-targets';
import { timedSetPassword, walkToNewPassword } from './reset-walk';
import { DirectoryTimings, LdapOperationTimings } from './timed-directory';
import type { DirectoryCalls } from './timed-directory';

/** One set-password step: its time through ResetDesk, the directory calls and the LDAP requests made within it. */
export interface StepSample {
  ms: number;
  calls: DirectoryCalls;
  ldap: DirectoryCalls;
}

export type DirectoryBenchResult =
  | {
      kind: DirectoryKind;
      describe: string;
      rawDescribe: string;
      users: number;
      steps: StepSample[];
      rawMs: number[];
      // The server's own password check (rules, banned terms, breached list) for the same passwords, alone.
      policyCheckUs: number[];
    }
  | { kind: DirectoryKind; skipped: string };

// Every limit far above what the bench does, so that no answer is a throttle refusal (all requests come from
// 127.0.0.1, one flow per account); CAPTCHA off for the same reason. Email codes only: one method, one gate.
const POLICY = {
  organizationName: 'Bench Org',
  methods: ['email'],
  gatesRequired: 1,
  captcha: { mode: 'off' },
  throttle: {
    identityFailures: { max: 10_000, windowMinutes: 60, lockMinutes: 60 },
    methodTries: { max: 10_000, windowMinutes: 60 },
    emails: { max: 10_000, windowMinutes: 10 },
    resets: { max: 10_000, windowMinutes: 60 },
  },
};

const passwordFor = (side: 'resetdesk' | 'raw', i: number): string =>
  side === 'resetdesk' ? `Velvet-Harbor-${i}-Kx9!q` : `Amber-Lantern-${i}-Qz7!w`;

/**
 * The set-password step through ResetDesk against one directory, and the raw directory operation it comes down to,
 * for the same people on the same server. ResetDesk runs in process (createServerRuntime with this directory, its
 * production scrypt cost, a recording channel for the codes); the step is one app.inject POST. Each person's flow is
 * walked to the newPassword step first, untimed. The two sides alternate which goes first per person, so warm-up and
 * garbage collection fall on both alike; one extra person warms both up, uncounted.
 */
async function benchTarget(target: BenchTarget, users: number, dir: string): Promise<DirectoryBenchResult> {
  const policyFile = join(dir, 'policy.json');
  const directoryFile = join(dir, 'directory.json');
  writeFileSync(policyFile, JSON.stringify(POLICY));
  writeFileSync(directoryFile, JSON.stringify(target.settings));
  const config = loadServerConfig({
    env: {
      RESETDESK_WIZARD_DIR: join(dir, 'no-wizard'),
      RESETDESK_POLICY_FILE: policyFile,
      RESETDESK_DIRECTORY_FILE: directoryFile,
    },
    flags: { demo: false, port: 0, dataDir: join(dir, 'data') },
  });
  const channel = new RecordingChannel();
  const timings = new DirectoryTimings();
  const ldap = new LdapOperationTimings();
  ldap.install();
  let configured: Directory | null = null;
  const runtime = await createServerRuntime(config, {
    channel,
    // Errors only: a 500 in a walk then says why (the bench stops at the first failed request).
    log: { level: 'error' },
    wrapDirectory: (directory) => {
      configured = directory;
      return timings.wrap(directory);
    },
  });
  try {
    await runtime.app.ready();
    const accounts = await target.seed(users + 1, runtime);
    await runtime.prepare();
    const tokens: string[] = [];
    for (const account of accounts) tokens.push(await walkToNewPassword(runtime.app, channel, account));
    const direct = configured as Directory | null;
    if (!direct) throw new Error('the server built no directory');

    const steps: StepSample[] = [];
    const rawMs: number[] = [];
    const stepOf = async (i: number): Promise<StepSample> => {
      timings.begin();
      ldap.begin();
      const ms = await timedSetPassword(runtime.app, tokens[i] ?? '', passwordFor('resetdesk', i));
      return { ms, calls: timings.end(), ldap: ldap.end() };
    };
    const rawOf = async (i: number): Promise<number> => {
      const account = accounts[i];
      if (!account) throw new Error(`no account ${i}`);
      const t0 = performance.now();
      await target.raw(account, passwordFor('raw', i), direct);
      return performance.now() - t0;
    };
    // accounts[0] warms both sides up.
    await stepOf(0);
    await rawOf(0);
    for (let i = 1; i < accounts.length; i += 1) {
      if (i % 2 === 0) {
        steps.push(await stepOf(i));
        rawMs.push(await rawOf(i));
      } else {
        rawMs.push(await rawOf(i));
        steps.push(await stepOf(i));
      }
    }

    const checker = await loadPasswordChecker({
      db: runtime.store.db,
      tenantId: DEFAULT_TENANT_ID,
      clock: systemClock,
      policy: runtime.policy.passwordPolicy,
      organizationName: runtime.policy.organizationName,
      dataDir: config.dataDir,
    });
    const policyCheckUs = accounts.map((account, i) => {
      const t0 = process.hrtime.bigint();
      checker.check(passwordFor('resetdesk', i), [account.username, `Bench ${account.username}`]);
      return Number(process.hrtime.bigint() - t0) / 1000;
    });
    const { kind, describe, rawDescribe } = target;
    return { kind, describe, rawDescribe, users, steps, rawMs, policyCheckUs };
  } finally {
    ldap.uninstall();
    await runtime.close();
  }
}

const firstLine = (error: unknown): string =>
  String(error instanceof Error ? error.message : error).split('\n')[0] ?? '';

/**
 * builtin, ldap (a throwaway slapd) and activeDirectory (a throwaway Samba DC; skipped with the reason when it cannot
 * start, say samba is not installed or another run holds its fixed ports too long), one after the other in one run.
 * Every directory process is stopped and every temp folder removed before this returns.
 */
export async function runDirectoryBench(options: {
  users: number;
  kinds?: readonly DirectoryKind[];
}): Promise<DirectoryBenchResult[]> {
  const results: DirectoryBenchResult[] = [];
  const temp = makeTempDir('resetdesk-bench-dir-');
  try {
    const starts: [DirectoryKind, (secretDir: string) => Promise<BenchTarget>][] = [
      ['builtin', () => Promise.resolve(builtinTarget())],
      ['ldap', ldapTarget],
      ['activeDirectory', activeDirectoryTarget],
    ];
    for (const [kind, start] of starts) {
      if (options.kinds && !options.kinds.includes(kind)) continue;
      const dir = join(temp.dir, kind);
      mkdirSync(dir, { mode: 0o700 });
      let target: BenchTarget;
      try {
        target = await start(dir);
      } catch (error) {
        // Only Samba may be missing: slapd is what the LDAP tests need anyway, so its failure is the bench's.
        if (kind !== 'activeDirectory') throw error;
        results.push({ kind, skipped: `Samba AD could not start (${firstLine(error)})` });
        continue;
      }
      try {
        results.push(await benchTarget(target, options.users, dir));
      } finally {
        await target.stop();
      }
    }
    return results;
  } finally {
    temp.remove();
  }
}
