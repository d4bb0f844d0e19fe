import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import { createTestServer, makeTempDir } from '../../support/server-fixtures';
import type { TestServer } from '../../support/server-fixtures';

// Unknown user IDs must be indistinguishable from known ones at the first step: same status, same response shape,
// same method choices and masked-address pattern. The time to answer is a figure, not an assertion (a timing bound
// fails on a busy machine): `npm run bench:enumeration` prints it as a known/unknown ratio.

const REQUESTS_EACH = 500;

/** The structure of a JSON value with every leaf replaced by its type: what a prober could compare. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, inner]) => [key, shapeOf(inner)]),
    );
  }
  return typeof value;
}

describe('username enumeration at the start of a reset', () => {
  let server: TestServer;
  let temp: ReturnType<typeof makeTempDir>;

  beforeAll(async () => {
    // Email only: this compares adele and diego (email) with unknown names; decoy-flows.test.ts covers every method.
    temp = makeTempDir();
    const policyFile = join(temp.dir, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ methods: ['email'] }));
    server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: policyFile } });
  });

  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const title = `answers ${REQUESTS_EACH} known and ${REQUESTS_EACH} unknown names alike: status, shape, method choices`;
  it(title, async () => {
    const shapes = { known: new Set<string>(), unknown: new Set<string>() };
    const statuses = { known: new Set<number>(), unknown: new Set<number>() };
    const masks = { known: new Set<string>(), unknown: new Set<string>() };
    const choices = { known: new Set<string>(), unknown: new Set<string>() };
    // Interleaved, so that warm-up, garbage collection and database growth fall on both sides alike.
    for (let i = 0; i < REQUESTS_EACH * 2; i += 1) {
      const side = i % 2 === 0 ? 'known' : 'unknown';
      const username = side === 'known' ? (i % 4 === 0 ? 'adele' : 'diego') : `${i % 4 === 1 ? 'a' : 'd'}visitor${i}`;
      const response = await server.app.inject({
        method: 'POST',
        url: ROUTES.startFlow,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ kind: 'reset', username }),
      });
      const body = response.json<FlowResponse>();
      statuses[side].add(response.statusCode);
      shapes[side].add(JSON.stringify(shapeOf({ ...body, flow: { ...body.flow, expiresAt: 'x' } })));
      const step = body.flow.step;
      if (step.kind === 'chooseMethod') {
        choices[side].add(JSON.stringify(step.methods.map((method) => ({ id: method.id, kind: method.kind }))));
        for (const method of step.methods) masks[side].add(method.maskedTarget.replace(/^./u, '?'));
      }
    }
    // Jamal's second (registered) address is an option of its own: some decoys (drawn from him) list two addresses
    // too, under the same ids, with the same masks.
    const payload = { kind: 'reset', username: 'jamal' };
    const jamal = (await server.app.inject({ method: 'POST', url: ROUTES.startFlow, payload })).json<FlowResponse>();
    const jamalStep = jamal.flow.step;
    if (jamalStep.kind !== 'chooseMethod') throw new Error(jamalStep.kind);
    expect(jamalStep.methods.map((method) => method.id)).toEqual(['email', 'email-2']);
    choices.known.add(JSON.stringify(jamalStep.methods.map((method) => ({ id: method.id, kind: method.kind }))));
    for (const method of jamalStep.methods) masks.known.add(method.maskedTarget.replace(/^./u, '?'));
    shapes.known.add(JSON.stringify(shapeOf({ ...jamal, flow: { ...jamal.flow, expiresAt: 'x' } })));
    expect([...statuses.known]).toEqual([201]);
    expect([...statuses.unknown]).toEqual([201]);
    expect(shapes.known.size).toBe(2);
    expect([...shapes.unknown].sort()).toEqual([...shapes.known].sort());
    // Every mask looks like ?•••@contoso.example (or his ?•••@fabrikam.example) whether or not anyone is behind it.
    expect([...masks.unknown].sort()).toEqual([...masks.known].sort());
    // The same methods, under the same ids, in the same order, for every name.
    expect([...choices.unknown].sort()).toEqual([...choices.known].sort());
  });
});
