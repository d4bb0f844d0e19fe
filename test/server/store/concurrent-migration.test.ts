import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../src-server/src/store/migrations';
import { STORE_DIALECTS, useTestStores } from '../support/store-dialects';

// Issue 15: several processes starting on one fresh store at once (two instances, or the server and a CLI command)
// all migrate it: exactly one applies the migrations, the others wait for it and find the schema current.

const CHILD = join(import.meta.dirname, '../support/open-store-child.ts');
const PROCESSES = 3;

function openInChild(dataDir: string, url: string | undefined): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, ...(url ? [url] : [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

const stores = useTestStores();

describe.each(STORE_DIALECTS)('on %s', (dialect) => {
  it(`lets ${PROCESSES} processes migrate one fresh store at the same time`, async () => {
    const settings = await stores.settings(dialect);
    const dataDirs = Array.from({ length: PROCESSES }, () => stores.dataDir());
    // SQLite: one file, so one data folder; PostgreSQL: one database, each process its own (keys) folder.
    const url = settings.kind === 'postgres' ? settings.url : undefined;
    const runs = await Promise.all(dataDirs.map((dir) => openInChild(url ? dir : (dataDirs[0] as string), url)));
    for (const run of runs) expect(run.err, run.err).toBe('');
    for (const run of runs) expect(run.code).toBe(0);
    const applied = runs.map((run) => (JSON.parse(run.out) as { applied: number }).applied).sort((x, y) => y - x);
    expect(applied).toEqual([Object.keys(MIGRATIONS).length, ...Array.from({ length: PROCESSES - 1 }, () => 0)]);
  }, 120_000);
});
