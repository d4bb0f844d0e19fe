import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestServer, makeTempDir } from './server-fixtures';
import type { TestServer } from './server-fixtures';

/** A demo server under a policy file with `policy` in it; closing it removes the file's folder too. */
export async function createPolicyServer(policy: object): Promise<TestServer> {
  const temp = makeTempDir();
  try {
    const policyFile = join(temp.dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify(policy));
    const server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
    return {
      ...server,
      async close() {
        await server.close();
        temp.remove();
      },
    };
  } catch (error) {
    temp.remove();
    throw error;
  }
}
