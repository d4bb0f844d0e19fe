/**
 * `npm run bench:enumeration`: only the known-vs-unknown timing of `npm run bench` (bench/run.ts), every step of the
 * flow. Needs the built server (`node scripts/build.mjs server`). RESETDESK_BENCH_ROUNDS sets the walks per side.
 */
import { formatEnumerationTiming, runEnumerationTiming } from './support/enumeration-timing';

const rounds = Number(process.env.RESETDESK_BENCH_ROUNDS ?? 25);
console.log(formatEnumerationTiming(await runEnumerationTiming({ rounds })).join('\n'));
