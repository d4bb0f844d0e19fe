/**
 * `npm run bench:load`: only the load figures of `npm run bench` (bench/run.ts): the hash-bound limit, the start step
 * against /healthz, the steps without a hash while the hash pool is saturated, and the concurrent flows. Needs the
 * built server (`node scripts/build.mjs server`). RESETDESK_BENCH_FLOWS sets the flows (500).
 */
import { formatLoadBench, runLoadBench } from './support/load-bench';

const flows = Number(process.env.RESETDESK_BENCH_FLOWS ?? 500);
const bench = await runLoadBench({
  flows,
  flowBoundSeconds: 120,
  cannonSeconds: 5,
  connections: 32,
  saturatedSeconds: 10,
});
// No main run here: the resets/limit ratio uses the concurrent flows' own rate.
const rate = (bench.flows.completed * 1000) / bench.flows.elapsedMs;
console.log(formatLoadBench(bench, rate).join('\n'));
