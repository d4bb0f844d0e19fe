import { ROUTES } from '@resetdesk/shared';
import type { BenchUser } from './import-users';
import { send, sleep } from './load-client';
import type { LoadServer } from './load-server';

export interface SaturatedSteps {
  seconds: number;
  // Requests that hash, kept in flight all along (more than the pool runs at once: it is always full).
  hashersInFlight: number;
  hashed: number;
  busy: number;
  // Steps that do not hash, sent meanwhile: start and choose method (which sends a code).
  startMs: number[];
  chooseMs: number[];
  // The same probes first with the hash pool idle, for comparison on this machine as it is loaded now.
  idle: { startMs: number[]; chooseMs: number[] };
  failures: number;
}

/**
 * The hash pool saturated on purpose: `hashers` closed-loop clients each send a wrong old password in a change flow
 * (one scrypt each), again and again, waiting briefly when told SERVER_BUSY. Meanwhile `probes` clients walk the
 * steps without a hash (start a reset, choose email) and their times are kept: what everybody else sees while
 * passwords are being hashed.
 */
export async function runSaturatedSteps(
  load: LoadServer,
  users: { hashers: BenchUser[]; probes: BenchUser[] },
  seconds: number,
): Promise<SaturatedSteps> {
  const baseUrl = load.server.url;
  const idle = { startMs: [] as number[], chooseMs: [] as number[], failures: 0 };
  await Promise.all(users.probes.map((user) => probe(baseUrl, user, performance.now() + 5000, idle)));
  const result = { hashed: 0, busy: 0, failures: 0, startMs: [] as number[], chooseMs: [] as number[] };
  const warmUpEnds = performance.now() + 1000;
  const deadline = warmUpEnds + seconds * 1000;
  const hashers = users.hashers.map(async (user) => {
    while (performance.now() < deadline) {
      const change = await send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'change', username: user.username });
      if (!change.flow) {
        result.failures += 1;
        continue;
      }
      const body = { oldPassword: 'Not-The-Password-1', newPassword: 'Velvet-Harbor-88!q' };
      const answer = await send(baseUrl, 'POST', ROUTES.changePassword, body, change.flow.flowToken);
      if (answer.code === 'SERVER_BUSY') {
        result.busy += 1;
        await sleep(100);
      } else if (answer.code === 'CREDENTIALS_INVALID') result.hashed += 1;
      else result.failures += 1;
    }
  });
  const probes = users.probes.map(async (user) => {
    await sleep(warmUpEnds - performance.now());
    await probe(baseUrl, user, deadline, result);
  });
  await Promise.all([...hashers, ...probes]);
  const { failures, ...counts } = result;
  return {
    seconds,
    hashersInFlight: users.hashers.length,
    ...counts,
    failures: failures + idle.failures,
    idle: { startMs: idle.startMs, chooseMs: idle.chooseMs },
  };
}

/** Start a reset and choose email, again and again until `deadline`: the two steps' times into `into`. */
async function probe(
  baseUrl: string,
  user: BenchUser,
  deadline: number,
  into: { startMs: number[]; chooseMs: number[]; failures: number },
): Promise<void> {
  while (performance.now() < deadline) {
    const started = await send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'reset', username: user.username });
    const step = started.flow?.flow.step;
    const methodId = step?.kind === 'chooseMethod' ? step.methods[0]?.id : undefined;
    if (!started.flow || !methodId) {
      into.failures += 1;
      continue;
    }
    into.startMs.push(started.ms);
    const chosen = await send(baseUrl, 'POST', ROUTES.chooseMethod, { methodId }, started.flow.flowToken);
    if (chosen.flow) into.chooseMs.push(chosen.ms);
    else into.failures += 1;
  }
}
