import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ErrorResponse, FlowResponse } from '@resetdesk/shared';
import { createTestServer, makeTempDir, startFlow } from '../support/server-fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

async function firstStepFor(username: string, policy: object) {
  const file = join(temp.dir, `policy-${Object.keys(policy).length}.json`);
  writeFileSync(file, JSON.stringify(policy));
  const server = await createTestServer({ env: { RESETDESK_POLICY_FILE: file } });
  try {
    return await startFlow(server.app, username);
  } finally {
    await server.close();
  }
}

describe("the directory's contact info as methods (policy directoryContactMethods)", () => {
  it("offers the directory's email address by default, and only registered methods when it is off", async () => {
    // Adele's only method is the email address the directory holds for her.
    const on = await firstStepFor('adele', {});
    const step = (on.body as FlowResponse).flow.step;
    expect(step.kind === 'chooseMethod' ? step.methods.map((m) => m.kind) : []).toEqual(['email']);
    const off = await firstStepFor('adele', { directoryContactMethods: false });
    expect((off.body as unknown as ErrorResponse).error.code).toBe('ACCOUNT_NOT_VERIFIABLE');
  });
});
