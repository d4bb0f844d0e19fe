import { openStore } from '../../../src-server/src/store/store';

// A separate process that opens (and so migrates) a store, for tests of several processes starting at once:
// `node --import tsx open-store-child.ts <dataDir> [postgres-url]`. Prints how many migrations it applied.
const [dataDir, url] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: open-store-child.ts <dataDir> [postgres-url]');
const store = await openStore(dataDir, url ? { kind: 'postgres', url, poolSize: 2 } : { kind: 'sqlite' });
process.stdout.write(`${JSON.stringify({ applied: store.migrationsApplied.length })}\n`);
await store.close();
