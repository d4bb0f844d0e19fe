import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerConfig } from '../../../../src-server/src/config/server-config';
import { startServer } from '../../../../src-server/src/runtime/start-server';
import type { FlowSeams } from '../../../../src-server/src/flows/verification/verification-deps';
import { TEST_SCRYPT_COST } from '../../support/server-fixtures';

/**
 * The reset server as its own process for the fault suite: the production start
 * (configuration from RESETDESK_* variables, startServer) plus the test seam, which the real `serve` never passes.
 * With FAULT_HOLD_DIR set, a reset's request stops right after the directory accepted the new password: it writes
 * `held` there and waits for `go` (the suite kills the process meanwhile, so `go` rarely comes).
 */
const holdDir = process.env['FAULT_HOLD_DIR'];

function holdAfterWrite(dir: string): () => Promise<void> {
  return async () => {
    writeFileSync(join(dir, 'held'), String(process.pid));
    while (!existsSync(join(dir, 'go'))) await new Promise((resolve) => setTimeout(resolve, 20));
  };
}

const seams: FlowSeams = holdDir ? { afterPasswordWrite: holdAfterWrite(holdDir) } : {};
const server = await startServer(loadServerConfig({ env: process.env }), {
  scryptCost: TEST_SCRYPT_COST,
  log: false,
  seams,
  printOutbox: () => undefined,
});
process.stdout.write(`listening ${server.url}\n`);
