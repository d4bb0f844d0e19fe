/**
 * `npm run bench:directories`: only the per-directory set-password figures of `npm run bench` (bench/run.ts):
 * builtin, slapd and Samba AD (skipped with the reason when Samba cannot start). Runs ResetDesk in process, so no
 * build is needed. RESETDESK_BENCH_USERS sets the people per directory; RESETDESK_BENCH_DIRECTORIES (comma-separated:
 * builtin,ldap,activeDirectory) runs only those, say under `node --cpu-prof` to profile one.
 */
import { runDirectoryBench } from './support/directory-bench';
import { DIRECTORY_KINDS } from './support/directory-targets';
import type { DirectoryKind } from './support/directory-targets';
import { formatDirectoryBench } from './support/directory-bench-format';

const users = Number(process.env.RESETDESK_BENCH_USERS ?? 30);
const only = process.env.RESETDESK_BENCH_DIRECTORIES?.split(',').map((kind) => kind.trim());
const kinds = only?.filter((kind): kind is DirectoryKind => (DIRECTORY_KINDS as readonly string[]).includes(kind));
console.log(formatDirectoryBench(await runDirectoryBench({ users, ...(kinds ? { kinds } : {}) })).join('\n'));
