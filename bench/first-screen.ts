/**
 * `npm run bench:first-screen`: only the first-screen comparison of `npm run bench` (bench/run.ts). The wizard build
 * to measure can be another folder (RESETDESK_BENCH_WIZARD_DIR), e.g. an older build to compare with.
 */
import { formatFirstScreen, runFirstScreenBench } from './support/first-screen-bench';

const loads = Number(process.env.RESETDESK_BENCH_LOADS ?? 15);
console.log(formatFirstScreen(await runFirstScreenBench(process.env.RESETDESK_BENCH_WIZARD_DIR, loads)).join('\n'));
