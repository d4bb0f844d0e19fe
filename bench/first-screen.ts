/**
 * `npm run bench:first-screen`: only the first-screen comparison of `npm run bench` (bench/run.ts), against a fresh
 * demo reset server on 127.0.0.1.
 */
import { startResetServer } from '../test/support/reset-server-process';
import { formatFirstScreen, runFirstScreenBench } from './support/first-screen-bench';

const loads = Number(process.env.RESETDESK_BENCH_LOADS ?? 15);
const server = await startResetServer({ demo: true });
try {
  console.log(formatFirstScreen(await runFirstScreenBench(server.url, loads)).join('\n'));
} finally {
  await server.stop();
}
