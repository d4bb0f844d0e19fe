import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startResetServer } from '../../test/browser/support/reset-server-process';
import type { RunningResetServer } from '../../test/browser/support/reset-server-process';
import { importUsers } from './import-users';
import type { BenchUser } from './import-users';

// Every flow of a load run comes from 127.0.0.1: the limits are raised far above what the run does, so that every
// answer is the server's work and none a throttle refusal; CAPTCHA off for the same reason. Email codes only.
const LOAD_POLICY = {
  methods: ['email'],
  gatesRequired: 1,
  captcha: { mode: 'off' },
  throttle: {
    identityFailures: { max: 10_000, windowMinutes: 60, lockMinutes: 60 },
    changeFailures: { max: 10_000, windowMinutes: 60, lockMinutes: 60 },
    methodTries: { max: 10_000, windowMinutes: 60 },
    emails: { max: 10_000, windowMinutes: 10 },
    helpRequests: { max: 10_000, windowMinutes: 60 },
    resets: { max: 10_000, windowMinutes: 60 },
  },
};

export interface LoadServer {
  server: RunningResetServer;
  /** The newest code the dev outbox printed for `to`, waiting (bounded) for the delivery queue to send it. */
  codeFor(to: string): Promise<string>;
  stop(): Promise<void>;
}

export function loadUsers(prefix: string, count: number): BenchUser[] {
  return Array.from({ length: count }, (_, i) => ({
    username: `${prefix}${String(i + 1).padStart(4, '0')}`,
    displayName: `Load User ${i + 1}`,
    email: `${prefix}${i + 1}@load.example`,
    enabledForReset: true,
  }));
}

const HEADER = /^\[dev outbox\] \w+ to (\S+): /u;
const CODE = /(?:verification code is|verificatiecode is) (\d{6})/u;

/**
 * The built demo server on loopback with `users` imported and the load policy; its log at warn (one line per request
 * would be the bench's own load). Codes are read from the dev outbox's console copy, which keeps every message (the
 * outbox endpoint lists only the newest 50, too few for hundreds of flows at once).
 */
export async function startLoadServer(users: BenchUser[]): Promise<LoadServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-load-'));
  const dataDir = path.join(root, 'data');
  const policyFile = path.join(root, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(LOAD_POLICY));
  mkdirSync(dataDir);
  importUsers(dataDir, users);
  const server = await startResetServer({
    demo: true,
    dataDir,
    env: { RESETDESK_POLICY_FILE: policyFile, RESETDESK_LOG_LEVEL: 'warn' },
  });
  const codes = new Map<string, string>();
  let read = 0;
  let to: string | null = null;
  const scan = (): void => {
    const output = server.output();
    const end = output.lastIndexOf('\n') + 1;
    for (const line of output.slice(read, end).split('\n')) {
      const header = HEADER.exec(line);
      if (header) to = header[1] ?? null;
      const code = CODE.exec(line)?.[1];
      if (code && to) codes.set(to, code);
    }
    read = Math.max(read, end);
  };
  // One reader for every waiting flow: hundreds of flows each scanning the output would load the machine themselves.
  let lastScan = 0;
  const scanAtMostEvery50Ms = (): void => {
    if (performance.now() - lastScan < 50) return;
    lastScan = performance.now();
    scan();
  };
  return {
    server,
    async codeFor(address) {
      const deadline = performance.now() + 30_000;
      for (;;) {
        scanAtMostEvery50Ms();
        const code = codes.get(address);
        if (code) {
          codes.delete(address);
          return code;
        }
        if (performance.now() > deadline) throw new Error(`no code for ${address} within 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await server.stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
