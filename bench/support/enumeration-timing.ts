import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FLOW_TOKEN_HEADER, ROUTES } from '@resetdesk/shared';
import { startResetServer } from '../../test/browser/support/reset-server-process';
import { formatMs, percentile } from './stats';

/**
 * Known against unknown names through the whole flow, over HTTP against the built server (production scrypt): for
 * every step a prober can reach without the person's phone, mailbox or app (start, choose each method, a wrong answer
 * for each, a poll of a pending call or approval, a wrong old password in the change flow, a help request), the
 * median time for the demo user who has every method (jamal) and for one unknown name whose decoy offers the same six.
 * One name on each side, walked again and again, as a prober compares two names: the counters and rows one name
 * gathers then grow alike on both sides. Rounds alternate which side goes first, so warm-up and garbage collection
 * fall on both sides alike.
 */

const METHODS = ['email', 'sms', 'voice', 'questions', 'totp', 'approval'] as const;
const KNOWN = 'jamal';

export type EnumerationStep =
  | 'start'
  | `choose ${(typeof METHODS)[number]}`
  | 'verify email (wrong)'
  | 'verify sms (wrong)'
  | 'verify totp (wrong)'
  | 'answers (wrong)'
  | 'poll voice (pending)'
  | 'poll approval (pending)'
  | 'cancel'
  | 'start change'
  | 'change (wrong old password)'
  | 'help request';

export interface EnumerationTiming {
  rounds: number;
  // The start step for many names (a known one against a fresh unknown one each time), as a prober sweeping a list.
  startManyNames: { each: number; knownMs: number; unknownMs: number; ratio: number };
  // Per step: median ms for the known user and for unknown names, and every status seen on each side.
  steps: Record<string, { knownMs: number; unknownMs: number; ratio: number; knownStatuses: number[]; unknownStatuses: number[] }>;
}

// Every limit far above what the bench does, so that no answer is a throttle refusal; CAPTCHA off for the same reason.
const POLICY = {
  methods: METHODS,
  gatesRequired: 1,
  captcha: { mode: 'off' },
  throttle: {
    identityFailures: { max: 10_000, windowMinutes: 60, lockMinutes: 60 },
    changeFailures: { max: 10_000, windowMinutes: 60, lockMinutes: 60 },
    methodTries: { max: 10_000, windowMinutes: 60 },
    emails: { max: 10_000, windowMinutes: 10 },
    helpRequests: { max: 10_000, windowMinutes: 60 },
  },
};

interface Sample {
  ms: number;
  status: number;
  body: unknown;
}

async function send(baseUrl: string, method: 'POST' | 'DELETE', route: string, body: unknown, token?: string): Promise<Sample> {
  const t0 = performance.now();
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { [FLOW_TOKEN_HEADER]: token } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const ms = performance.now() - t0;
  return { ms, status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function tokenOf(sample: Sample): string {
  const token = (sample.body as { flowToken?: string } | undefined)?.flowToken;
  if (!token) throw new Error(`no flow token (status ${sample.status}): ${JSON.stringify(sample.body)}`);
  return token;
}

function methodKinds(sample: Sample): string[] {
  const step = (sample.body as { flow?: { step?: { kind: string; methods?: { kind: string }[] } } }).flow?.step;
  return step?.methods?.map((m) => m.kind) ?? [];
}

/** Unknown names whose decoy offers all six methods (decoys draw their sets from the tenant's accounts). */
async function unknownNamesLikeKnown(baseUrl: string, wanted: number): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; names.length < wanted && i < 5000; i += 1) {
    const name = `probe.visitor${i}`;
    const started = await send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'reset', username: name });
    if (started.status !== 201) continue;
    if (METHODS.every((kind) => methodKinds(started).includes(kind))) names.push(name);
    await send(baseUrl, 'DELETE', ROUTES.cancelFlow, undefined, tokenOf(started));
  }
  if (names.length < wanted) throw new Error(`only ${names.length} unknown names with all six methods`);
  return names;
}

/** One walk through every step for one name; returns the time and status of each. */
async function walk(baseUrl: string, username: string): Promise<Map<EnumerationStep, Sample>> {
  const samples = new Map<EnumerationStep, Sample>();
  const timed = async (step: EnumerationStep, run: () => Promise<Sample>): Promise<Sample> => {
    const sample = await run();
    samples.set(step, sample);
    return sample;
  };
  const started = await timed('start', () => send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'reset', username }));
  const token = tokenOf(started);
  const post = (route: string, body: unknown) => send(baseUrl, 'POST', route, body, token);
  // Eight digits: never a valid code for any method (codes and TOTP codes are six), so every answer here is wrong.
  const wrongCode = { code: '00000000' };
  await timed('choose email', () => post(ROUTES.chooseMethod, { methodId: 'email' }));
  await timed('verify email (wrong)', () => post(ROUTES.verifyCode, wrongCode));
  await timed('choose sms', () => post(ROUTES.chooseMethod, { methodId: 'sms' }));
  await timed('verify sms (wrong)', () => post(ROUTES.verifyCode, wrongCode));
  await timed('choose totp', () => post(ROUTES.chooseMethod, { methodId: 'totp' }));
  await timed('verify totp (wrong)', () => post(ROUTES.verifyCode, wrongCode));
  const asked = await timed('choose questions', () => post(ROUTES.chooseMethod, { methodId: 'questions' }));
  const questions = (asked.body as { flow?: { step?: { questions?: { id: string }[] } } }).flow?.step?.questions ?? [];
  await timed('answers (wrong)', () =>
    post(ROUTES.answerQuestions, { answers: questions.map((q) => ({ questionId: q.id, answer: 'not the answer' })) }),
  );
  await timed('choose voice', () => post(ROUTES.chooseMethod, { methodId: 'voice' }));
  await timed('poll voice (pending)', () => post(ROUTES.checkDecision, {}));
  await timed('choose approval', () => post(ROUTES.chooseMethod, { methodId: 'approval' }));
  await timed('poll approval (pending)', () => post(ROUTES.checkDecision, {}));
  await timed('cancel', () => send(baseUrl, 'DELETE', ROUTES.cancelFlow, undefined, token));

  const change = await timed('start change', () => send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'change', username }));
  await timed('change (wrong old password)', () =>
    send(baseUrl, 'POST', ROUTES.changePassword, { oldPassword: 'Not-The-Password-1', newPassword: 'Velvet-Harbor-88!q' }, tokenOf(change)),
  );
  await timed('help request', () =>
    send(baseUrl, 'POST', ROUTES.requestHelp, { username, reason: 'CODE_ATTEMPTS_EXCEEDED' }),
  );
  return samples;
}

export async function runEnumerationTiming(options: { rounds: number }): Promise<EnumerationTiming> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'resetdesk-bench-enum-'));
  const policyFile = path.join(dataDir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(POLICY));
  const server = await startResetServer({ demo: true, dataDir: path.join(dataDir, 'data'), env: { RESETDESK_POLICY_FILE: policyFile } });
  try {
    const [name = 'probe'] = await unknownNamesLikeKnown(server.url, 1);
    // Warm-up on both sides, not counted.
    await walk(server.url, KNOWN);
    await walk(server.url, name);
    const known: Map<EnumerationStep, Sample>[] = [];
    const strangers: Map<EnumerationStep, Sample>[] = [];
    for (let round = 0; round < options.rounds; round += 1) {
      if (round % 2 === 0) {
        known.push(await walk(server.url, KNOWN));
        strangers.push(await walk(server.url, name));
      } else {
        strangers.push(await walk(server.url, name));
        known.push(await walk(server.url, KNOWN));
      }
    }
    const startManyNames = await startManyNamesTiming(server.url, options.rounds * 8);
    const steps: EnumerationTiming['steps'] = {};
    for (const step of known[0]?.keys() ?? []) {
      const knownSamples = known.map((m) => m.get(step)).filter((s): s is Sample => s !== undefined);
      const unknownSamples = strangers.map((m) => m.get(step)).filter((s): s is Sample => s !== undefined);
      const knownMs = percentile(knownSamples.map((s) => s.ms), 50);
      const unknownMs = percentile(unknownSamples.map((s) => s.ms), 50);
      steps[step] = {
        knownMs,
        unknownMs,
        ratio: knownMs / unknownMs,
        knownStatuses: [...new Set(knownSamples.map((s) => s.status))].sort(),
        unknownStatuses: [...new Set(unknownSamples.map((s) => s.status))].sort(),
      };
    }
    return { rounds: options.rounds, startManyNames, steps };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Demo users who may reset and have methods registered: the known side of the many-names sweep.
const KNOWN_NAMES = ['adele', 'diego', 'jamal', 'karim', 'lena', 'henry'];

/**
 * The start step (then cancel) for `each` known and `each` unknown names, interleaved, every unknown name new: the
 * timing half of test/server/flows/decoy/enumeration.test.ts, which checks the same answers for their shape only.
 */
async function startManyNamesTiming(baseUrl: string, each: number): Promise<EnumerationTiming['startManyNames']> {
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < each * 2; i += 1) {
    const side = i % 2 === 0 ? 'known' : 'unknown';
    const username = side === 'known' ? (KNOWN_NAMES[(i / 2) % KNOWN_NAMES.length] ?? KNOWN) : `sweep.visitor${i}`;
    const started = await send(baseUrl, 'POST', ROUTES.startFlow, { kind: 'reset', username });
    if (started.status !== 201) throw new Error(`start for ${side} name answered ${started.status}`);
    times[side].push(started.ms);
    await send(baseUrl, 'DELETE', ROUTES.cancelFlow, undefined, tokenOf(started));
  }
  const knownMs = percentile(times.known, 50);
  const unknownMs = percentile(times.unknown, 50);
  return { each, knownMs, unknownMs, ratio: knownMs / unknownMs };
}

export function formatEnumerationTiming(timing: EnumerationTiming): string[] {
  const sweep = timing.startManyNames;
  return [
    `Start step, ${sweep.each} known names (${KNOWN_NAMES.join(', ')}) against ${sweep.each} new unknown names,` +
      ` interleaved: median known ${formatMs(sweep.knownMs)}, unknown ${formatMs(sweep.unknownMs)},` +
      ` known/unknown ${sweep.ratio.toFixed(2)}`,
    `Known vs unknown names, every step (HTTP, built server, production scrypt; ${timing.rounds} walks each side,` +
      ` known: ${KNOWN}, unknown: one name whose decoy offers the same six methods)`,
    '  step                          known p50  unknown p50  known/unknown  statuses known | unknown',
    ...Object.entries(timing.steps).map(
      ([step, s]) =>
        `  ${step.padEnd(29)} ${formatMs(s.knownMs).padStart(9)} ${formatMs(s.unknownMs).padStart(12)}` +
        ` ${s.ratio.toFixed(2).padStart(14)}  ${s.knownStatuses.join(',')} | ${s.unknownStatuses.join(',')}`,
    ),
  ];
}
