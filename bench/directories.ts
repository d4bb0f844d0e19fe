/**
 * `npm run bench:directories`: only the per-directory set-password figures of `npm run bench` (bench/run.ts):
 * builtin, slapd and Samba AD (skipped with the reason when Samba cannot start). Runs ResetDesk in process, so no
 * build is needed. RESETDESK_BENCH_USERS sets the people per directory.
 */
import { runDirectoryBench } from './support/directory-bench';
import { formatDirectoryBench } from './support/directory-bench-format';

const users = Number(process.env.RESETDESK_BENCH_USERS ?? 30);
console.log(formatDirectoryBench(await runDirectoryBench({ users })).join('\n'));
