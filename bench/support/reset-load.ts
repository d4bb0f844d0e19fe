import { DemoOutboxSchema, FLOW_TOKEN_HEADER, FlowResponseSchema, ROUTES } from '@resetdesk/shared';
import type { BenchUser } from './import-users';

type Step = 'start' | 'chooseMethod' | 'readOutbox' | 'verifyCode' | 'setPassword';

/**
 * Complete resets through the HTTP API: `concurrency` workers take users from one queue (one reset per user, so the code
 * in the outbox is unambiguous and no per-account limit is hit) and run start -> choose email -> read the code from the
 * demo outbox -> verify -> set a new password.
 */
export async function runResetLoad(
  baseUrl: string,
  users: BenchUser[],
  options: { concurrency: number },
): Promise<{ completed: number; elapsedMs: number; stepMs: Record<Step, number[]> }> {
  const stepMs: Record<Step, number[]> = { start: [], chooseMethod: [], readOutbox: [], verifyCode: [], setPassword: [] };
  const queue = [...users];
  let completed = 0;
  const timed = async <T>(step: Step, action: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const value = await action();
    stepMs[step].push(performance.now() - t0);
    return value;
  };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async (_, worker) => {
      for (let user = queue.shift(); user; user = queue.shift()) {
        const started = await timed('start', () => post(baseUrl, ROUTES.startFlow, { kind: 'reset', username: user.username }));
        const token = started.flowToken;
        const step = started.flow.step;
        if (step.kind !== 'chooseMethod') throw new Error(`unexpected step ${step.kind}`);
        const methodId = step.methods[0]?.id ?? 'email';
        await timed('chooseMethod', () => post(baseUrl, ROUTES.chooseMethod, { methodId }, token));
        const code = await timed('readOutbox', () => latestCode(baseUrl, user.email));
        const verified = await timed('verifyCode', () => post(baseUrl, ROUTES.verifyCode, { code }, token));
        // A passed gate rotates the flow token: the next step takes the new one (the old one answers FLOW_EXPIRED).
        const done = await timed('setPassword', () =>
          post(baseUrl, ROUTES.setPassword, { newPassword: `Harbor-${worker}-${completed}-Kx9!q` }, verified.flowToken),
        );
        if (done.flow.step.kind !== 'done') throw new Error(`reset did not complete: ${done.flow.step.kind}`);
        completed += 1;
      }
    }),
  );
  return { completed, elapsedMs: performance.now() - started, stepMs };
}

async function post(baseUrl: string, route: string, body: unknown, token?: string) {
  const response = await fetch(`${baseUrl}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}) },
    body: JSON.stringify(body),
  });
  const json: unknown = await response.json();
  if (!response.ok) throw new Error(`${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return FlowResponseSchema.parse(json);
}

async function latestCode(baseUrl: string, email: string): Promise<string> {
  const response = await fetch(`${baseUrl}${ROUTES.demoOutbox}`);
  const outbox = DemoOutboxSchema.parse(await response.json());
  const message = outbox.messages.find((m) => m.to === email);
  const code = message?.body.match(/\b(\d{6})\b/u)?.[1];
  if (!code) throw new Error(`no code in the outbox for ${email}`);
  return code;
}
