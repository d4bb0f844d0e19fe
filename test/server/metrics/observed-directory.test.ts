import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import { DirectoryOutage } from '../support/directory-outage';
import { createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// One decorator around the directory times every call once: the histogram and the request's log line come from the
// same measurement. The line names the operation, the time and (failed) the failure, never a name or an id.
interface LogLine {
  msg: string;
  reqId?: string;
  component?: string;
  operation?: string;
  ms?: number;
  failure?: string;
}

let server: TestServer;
const outage = new DirectoryOutage();

beforeAll(async () => {
  server = await createTestServer({ demo: true, wrapDirectory: (directory) => outage.wrap(directory) });
});

afterAll(() => server.close());

function directoryLines(from: number): { line: LogLine; raw: string }[] {
  return server.logLines
    .slice(from)
    .flatMap((chunk) => chunk.split('\n').filter((raw) => raw.length > 0))
    .map((raw) => ({ line: JSON.parse(raw) as LogLine, raw }))
    .filter(({ line }) => line.component === 'directory');
}

async function metric(series: string): Promise<number> {
  const text = (await server.app.inject({ method: 'GET', url: ROUTES.metrics })).body;
  const found = text.split('\n').find((l) => l.startsWith(`${series} `));
  return found ? Number(found.slice(series.length + 1)) : 0;
}

const FIND_OK = 'resetdesk_directory_operation_duration_seconds_count{operation="findUser",outcome="ok"}';
const FIND_ERROR = 'resetdesk_directory_operation_duration_seconds_count{operation="findUser",outcome="error"}';

describe('the observed directory', () => {
  it("logs a request's calls on its logger and counts them, from one measurement", async () => {
    const before = await metric(FIND_OK);
    const from = server.logLines.length;
    const started = await server.app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind: 'reset', username: 'adele' } });
    expect(started.statusCode).toBe(201);
    expect(await metric(FIND_OK)).toBe(before + 1);
    const lines = directoryLines(from);
    const find = lines.find(({ line }) => line.operation === 'findUser');
    expect(find?.line).toMatchObject({ msg: 'directory call', reqId: started.headers['x-request-id'] });
    expect(typeof find?.line.ms).toBe('number');
    const users = (await server.runtime.directory.listUsers?.()) ?? [];
    const adele = users.find((user) => user.username === 'adele');
    for (const { raw, line } of lines) {
      expect(Object.keys(line).sort()).toEqual(['component', 'hostname', 'level', 'msg', 'ms', 'operation', 'pid', 'reqId',
        'time'].sort());
      expect(raw).not.toContain('adele');
      expect(raw).not.toContain(adele?.id ?? 'no id');
    }
  });

  it('logs a failed call with its failure and counts it as an error', async () => {
    const before = await metric(FIND_ERROR);
    const from = server.logLines.length;
    outage.down = true;
    try {
      const refused = await server.app.inject({ method: 'POST', url: ROUTES.startFlow, payload: { kind: 'reset', username: 'adele' } });
      expect(refused.json()).toMatchObject({ error: { code: 'DIRECTORY_UNAVAILABLE' } });
    } finally {
      outage.down = false;
    }
    expect(await metric(FIND_ERROR)).toBe(before + 1);
    const failed = directoryLines(from).find(({ line }) => line.operation === 'findUser');
    expect(failed?.line).toMatchObject({ msg: 'directory call failed', failure: 'unavailable' });
    expect(failed?.raw).not.toContain('ECONNREFUSED');
  });

  it('writes no line for calls outside a request (the same calls still counted)', async () => {
    const before = await metric(FIND_OK);
    const from = server.logLines.length;
    await server.runtime.directory.findUser('adele');
    expect(await metric(FIND_OK)).toBe(before + 1);
    expect(directoryLines(from)).toEqual([]);
  });
});
