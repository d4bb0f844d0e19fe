import { ROUTES } from '@resetdesk/shared';
import type { FlowResponse } from '@resetdesk/shared';
import type { BenchUser } from './import-users';
import { send, sleep } from './load-client';
import type { Answer } from './load-client';
import type { LoadServer } from './load-server';

export const FLOW_STEPS = ['start', 'chooseMethod', 'verifyCode', 'setPassword'] as const;
export type FlowStep = (typeof FLOW_STEPS)[number];

export interface FlowLoadResult {
  flows: number;
  completed: number;
  // Still waiting to be let in (SERVER_BUSY) when the run's time was up: not errors, the bound of the run.
  unfinished: number;
  // Flows that ended on an answer other than the next step or SERVER_BUSY.
  errors: number;
  // 5xx answers other than SERVER_BUSY's 503 (which is the admission control working, counted in `busy`).
  serverErrors: number;
  busy: number;
  elapsedMs: number;
  // Every answer's time per step, SERVER_BUSY ones included.
  stepMs: Record<FlowStep, number[]>;
  firstErrors: string[];
}

class OutOfTime extends Error {}

/**
 * `users.length` flows at once through the whole reset (start, choose email, the code from the dev outbox, verify,
 * new password), each honouring Retry-After when the server is busy, as a person pressing Try again would (with up to
 * a second of spread, so that the retries do not all land at once). Bounded: a flow whose next try would fall after
 * `boundMs` stops there and counts as unfinished.
 */
export async function runFlowLoad(load: LoadServer, users: BenchUser[], boundMs: number): Promise<FlowLoadResult> {
  const baseUrl = load.server.url;
  const stepMs: Record<FlowStep, number[]> = { start: [], chooseMethod: [], verifyCode: [], setPassword: [] };
  const result = { completed: 0, unfinished: 0, errors: 0, serverErrors: 0, busy: 0, firstErrors: [] as string[] };
  const started = performance.now();
  const deadline = started + boundMs;

  const step = async (name: FlowStep, request: () => Promise<Answer>): Promise<FlowResponse> => {
    for (;;) {
      const answer = await request();
      stepMs[name].push(answer.ms);
      if (answer.status === 503 && answer.code === 'SERVER_BUSY') {
        result.busy += 1;
        const wait = (answer.retryAfterSeconds ?? 1) * 1000 + Math.random() * 1000;
        if (performance.now() + wait > deadline) throw new OutOfTime();
        await sleep(wait);
        continue;
      }
      if (answer.status >= 500) result.serverErrors += 1;
      if (!answer.flow) throw new Error(`${name} answered ${answer.status} ${answer.code ?? ''}`);
      return answer.flow;
    }
  };

  const walk = async (user: BenchUser, index: number): Promise<void> => {
    const startBody = { kind: 'reset', username: user.username };
    const first = await step('start', () => send(baseUrl, 'POST', ROUTES.startFlow, startBody));
    const token = first.flowToken;
    const methodId = first.flow.step.kind === 'chooseMethod' ? first.flow.step.methods[0]?.id : undefined;
    if (!methodId) throw new Error(`start showed ${first.flow.step.kind}`);
    await step('chooseMethod', () => send(baseUrl, 'POST', ROUTES.chooseMethod, { methodId }, token));
    const code = await load.codeFor(user.email);
    const verified = await step('verifyCode', () => send(baseUrl, 'POST', ROUTES.verifyCode, { code }, token));
    const body = { newPassword: `Harbor-${index}-Lantern-Kx9!q` };
    const done = await step('setPassword', () => send(baseUrl, 'POST', ROUTES.setPassword, body, verified.flowToken));
    if (done.flow.step.kind !== 'done') throw new Error(`setPassword showed ${done.flow.step.kind}`);
    result.completed += 1;
  };

  await Promise.all(
    users.map((user, index) =>
      walk(user, index).catch((error: unknown) => {
        if (error instanceof OutOfTime) {
          result.unfinished += 1;
          return;
        }
        result.errors += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (result.firstErrors.length < 3) result.firstErrors.push(message);
      }),
    ),
  );
  return { flows: users.length, ...result, elapsedMs: performance.now() - started, stepMs };
}
