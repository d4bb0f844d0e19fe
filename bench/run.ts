/**
 * `npm run bench`: the figures the walking skeleton promises, printed in one run.
 *  - complete resets per second through the HTTP API with concurrent flows (scrypt at production cost);
 *  - p50 / p99 latency of each step of the reset flow;
 *  - bare /healthz requests per second on the same server;
 *  - the renderer's JavaScript size, gzipped;
 *  - the cost of verifying one set of security answers and one authenticator (TOTP) code;
 *  - known against unknown names at every step of the flow: median time per step and the ratio
 *    (bench/support/enumeration-timing.ts);
 *  - the kiosk's first screen against a bare React page in Chromium: time to a usable User ID field, cold, at full
 *    speed and with the CPU slowed 4x, the ratio, and the first screen's JavaScript (bench/support/first-screen-bench.ts);
 *  - the set-password step through ResetDesk against the built-in directory, slapd and Samba AD beside the raw
 *    directory operation on the same server, and their ratio (bench/support/directory-bench.ts);
 *  - under load (bench/support/load-bench.ts): complete resets against the hash-bound limit (cores / one production
 *    hash), the start step against /healthz with autocannon at the same concurrency, the p99 of the steps without a
 *    hash while the hash pool is saturated, and 500 concurrent flows through the whole reset (bounded in time).
 * Every request goes to 127.0.0.1 and every loop is bounded in count and time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startResetServer } from '../test/browser/support/reset-server-process';
import { importUsers } from './support/import-users';
import { measureCaptchaIssue, measureProofOfWork } from './support/captcha-cost';
import { measureVerifyCost } from './support/method-verify-cost';
import { measureRendererSize } from './support/renderer-size';
import { runHealthLoad } from './support/health-load';
import { runResetLoad } from './support/reset-load';
import { formatMs, percentile } from './support/stats';
import { describePasswordCheck, measurePasswordCheck } from './support/password-check-cost';
import { formatFirstScreen, runFirstScreenBench } from './support/first-screen-bench';
import { formatEnumerationTiming, runEnumerationTiming } from './support/enumeration-timing';
import { runDirectoryBench } from './support/directory-bench';
import { directoryFigures, formatDirectoryBench } from './support/directory-bench-format';
import { formatLoadBench, loadBenchFigures, runLoadBench } from './support/load-bench';

const CONCURRENT_FLOWS = 8;
// Every flow comes from 127.0.0.1: stay below the per-IP limit of 50 code sends an hour (5 x throttle.sharedFactor 10).
const RESETS = 48;

const users = Array.from({ length: RESETS }, (_, i) => ({
  username: `bench${String(i + 1).padStart(2, '0')}`,
  displayName: `Bench User ${i + 1}`,
  email: `bench${i + 1}@bench.example`,
  enabledForReset: true,
}));

// A fresh server every run: figures never depend on what an earlier run left in the database.
const dataDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-'));
mkdirSync(path.resolve('bench-results'), { recursive: true });
importUsers(dataDir, users);
const server = await startResetServer({ demo: true, dataDir });
try {
  const resets = await runResetLoad(server.url, users, { concurrency: CONCURRENT_FLOWS });
  const health = await runHealthLoad(server.url, { concurrency: 32, seconds: 5 });
  const renderer = measureRendererSize(path.resolve('dist/renderer'));
  const captchaIssue = await measureCaptchaIssue(server.url, 200);
  const proofOfWork = measureProofOfWork(16, 20);
  const verifyCost = await measureVerifyCost({ answerSets: 40, totpCodes: 2000, questionsPerSet: 3 });
  const passwordCheck = measurePasswordCheck();
  const firstScreen = await runFirstScreenBench(path.resolve('dist/renderer'), 15);
  // Its own server (limits raised so no answer is a throttle refusal): the figures above are on the default policy.
  const enumeration = await runEnumerationTiming({ rounds: 25 });
  // In process, each on its own directory and data folder (limits raised there too); Samba skipped when it cannot start.
  const directories = await runDirectoryBench({ users: 30 });
  // Its own server too (limits raised, email codes only), after everything else so its load skews nothing above.
  const load = await runLoadBench({
    flows: 500,
    flowBoundSeconds: 90,
    cannonSeconds: 5,
    connections: 32,
    saturatedSeconds: 10,
  });
  const resetsPerSecond = (resets.completed * 1000) / resets.elapsedMs;

  const lines = [
    'ResetDesk benchmark (loopback, this machine; scrypt N=2^17 r=8 p=1)',
    '',
    `Complete resets: ${resets.completed} in ${(resets.elapsedMs / 1000).toFixed(2)} s with ${CONCURRENT_FLOWS} concurrent flows` +
      ` = ${((resets.completed * 1000) / resets.elapsedMs).toFixed(2)} resets/s`,
    '',
    'Step latency        p50        p99',
    ...Object.entries(resets.stepMs).map(
      ([step, samples]) =>
        `  ${step.padEnd(16)} ${formatMs(percentile(samples, 50)).padStart(9)} ${formatMs(percentile(samples, 99)).padStart(9)}`,
    ),
    '',
    `GET /healthz: ${health.requests} requests in ${health.seconds.toFixed(1)} s at concurrency ${health.concurrency}` +
      ` = ${Math.round(health.requests / health.seconds)} requests/s (p50 ${formatMs(percentile(health.latencies, 50))},` +
      ` p99 ${formatMs(percentile(health.latencies, 99))})`,
    '',
    `Renderer JavaScript, all chunks (the first screen loads fewer, below): ${(renderer.rawBytes / 1024).toFixed(1)} KiB raw, ${(renderer.gzipBytes / 1024).toFixed(1)} KiB gzipped` +
      ` (${renderer.files.length} file${renderer.files.length === 1 ? '' : 's'})`,
    '',
    `POST /captcha (draw + store): p50 ${formatMs(percentile(captchaIssue, 50))}, p99 ${formatMs(percentile(captchaIssue, 99))}` +
      ` over ${captchaIssue.length} requests`,
    `Proof of work, 16 bits (Node SHA-256; browsers' WebCrypto is slower per hash): p50 ${formatMs(percentile(proofOfWork, 50))},` +
      ` p99 ${formatMs(percentile(proofOfWork, 99))} over ${proofOfWork.length} challenges`,
    `Verify one set of ${verifyCost.questionsPerSet} security answers (scrypt N=2^14 r=8 p=1 each, in parallel):` +
      ` p50 ${formatMs(percentile(verifyCost.answerSetMs, 50))}, p99 ${formatMs(percentile(verifyCost.answerSetMs, 99))}`,
    `Verify one TOTP code (AES-256-GCM decrypt + otplib, ±1 step): p50 ${formatMs(percentile(verifyCost.totpMs, 50))},` +
      ` p99 ${formatMs(percentile(verifyCost.totpMs, 99))}`,
    ...describePasswordCheck(passwordCheck),
    '',
    ...formatFirstScreen(firstScreen),
    '',
    ...formatEnumerationTiming(enumeration),
    '',
    ...formatDirectoryBench(directories),
    '',
    ...formatLoadBench(load, resetsPerSecond),
  ];
  console.log(lines.join('\n'));
  writeFileSync(
    path.resolve('bench-results/latest.json'),
    JSON.stringify(
      {
        resetsPerSecond,
        steps: Object.fromEntries(
          Object.entries(resets.stepMs).map(([s, v]) => [s, { p50: percentile(v, 50), p99: percentile(v, 99) }]),
        ),
        healthzPerSecond: health.requests / health.seconds,
        rendererGzipBytes: renderer.gzipBytes,
        captchaIssueP50Ms: percentile(captchaIssue, 50),
        proofOfWork16BitsP50Ms: percentile(proofOfWork, 50),
        verifyAnswerSetMs: { p50: percentile(verifyCost.answerSetMs, 50), p99: percentile(verifyCost.answerSetMs, 99) },
        verifyTotpMs: { p50: percentile(verifyCost.totpMs, 50), p99: percentile(verifyCost.totpMs, 99) },
        passwordCheckUs: {
          p50: percentile(passwordCheck.samplesUs, 50),
          p99: percentile(passwordCheck.samplesUs, 99),
          breachedEntries: passwordCheck.breachedEntries,
          listBytes: passwordCheck.listBytes,
        },
        firstScreen,
        enumeration,
        directories: directories.map((result) =>
          'skipped' in result ? result : { kind: result.kind, users: result.users, ...directoryFigures(result) },
        ),
        load: loadBenchFigures(load, resetsPerSecond),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
