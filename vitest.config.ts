import { defineConfig } from 'vitest/config';

// One run, several projects: fast unit suites first, then the server over HTTP, then the browser tests that start the
// real server as a process and drive Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/{shared,main,renderer,lint,server}/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Generous: the CLI tests spawn a process that hashes demo passwords at production cost, and a busy machine
          // (CI beside other work) can take several times as long as an idle one. Tests assert behaviour, not time.
          testTimeout: 90_000,
        },
      },
      {
        test: {
          name: 'browser',
          // test/electron: the real Electron app when a binary exists (it says plainly when it skips).
          include: ['test/browser/**/*.test.ts', 'test/electron/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium and one server process at a time: this machine has two cores.
          fileParallelism: false,
          // After the unit group (as before: a single-worker project ran last anyway), and before the log sweep.
          sequence: { groupOrder: 1 },
          // A fresh test-results/logs for the sweep.
          globalSetup: ['test/browser/support/clean-logs.ts'],
          // Screens wait for the real server (scrypt at production cost); a busy CI machine needs more than 1 s.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
      {
        test: {
          // The log-redaction sweep: runs after the whole browser suite and searches every log it wrote for every
          // secret it used (test/browser/support/log-sweep.ts).
          name: 'log-sweep',
          include: ['test/sweep/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
