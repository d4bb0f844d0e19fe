import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ROUTES } from '@resetdesk/shared';
import type { AuditLogRow } from '../../../../src-server/src/store/database-schema';
import type { TestSmtpServer } from '../../support/smtp-server';
import type { FaultServer, WireAnswer } from './fault-server';
import { codeFromRelay, resetNoticesTo } from './relay-mail';

/** One person whose password the suite resets again and again, and how to look at the result from outside. */
export interface KillTarget {
  server: FaultServer;
  relay: TestSmtpServer;
  username: string;
  email: string;
  /** Whether `password` is the account's password now, asked of the directory itself. */
  passwordWorks(password: string): Promise<boolean>;
  /** The audit rows of `flowId`, oldest first, read from the store (not through the server). */
  auditOf(flowId: string): Promise<AuditLogRow[]>;
  /** The id of the newest flow of the person (its flow.started row). */
  newestFlowId(): Promise<string>;
  // A directory that cannot tell its current password (LDAP) takes the same one again on the retry.
  rewritesOnRetry: boolean;
}

/** Never a 5xx: every answer is a 2xx or a named 4xx, or no answer at all (the process died). */
export function expectNo5xx(answer: WireAnswer): void {
  if (answer) expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
}

function tokenOf(answer: WireAnswer): string {
  const token = answer?.body['flowToken'];
  if (typeof token !== 'string') throw new Error(`no flow token in ${JSON.stringify(answer)}`);
  return token;
}

/** A reset started and its email code passed: the flow waits at new_password. Returns its token. */
export async function verifiedReset(target: KillTarget): Promise<string> {
  const { server, relay } = target;
  const before = relay.received().length;
  const started = await server.request('POST', ROUTES.startFlow, { kind: 'reset', username: target.username });
  expect(started?.status, JSON.stringify(started?.body)).toBe(201);
  const chosen = await server.request('POST', ROUTES.chooseMethod, { methodId: 'email' }, tokenOf(started));
  expect(chosen?.status, JSON.stringify(chosen?.body)).toBe(200);
  const code = await codeFromRelay(relay, target.email, before);
  const verified = await server.request('POST', ROUTES.verifyCode, { code }, tokenOf(chosen));
  expect(verified?.status, JSON.stringify(verified?.body)).toBe(200);
  return tokenOf(verified);
}

function stepOf(answer: WireAnswer): unknown {
  return (answer?.body['flow'] as { step?: unknown } | undefined)?.step;
}

/**
 * Round `round`: set-password is held after the directory accepted the new password and the server is killed with
 * SIGKILL there. After the restart the new password already works, the wizard's retry (the same token; every fifth
 * round with another password, a person who typed it again differently) finishes the flow, and the trail has what
 * happened: the write's intent row, exactly one password.reset, no failure.
 */
export async function killDuringSetPassword(target: KillTarget, round: number): Promise<void> {
  const { server } = target;
  const token = await verifiedReset(target);
  const flowId = await target.newestFlowId();
  const written = `Kill-Window-${round}-Lantern!`;
  server.armHold();
  const pending = server.request('POST', ROUTES.setPassword, { newPassword: written }, token);
  await server.untilHeld();
  await server.kill();
  // The request never got an answer: a broken connection, which the wizard shows as "can't reach the server".
  expect(await pending).toBeNull();
  expect(await target.passwordWorks(written)).toBe(true);

  await server.launch();
  // A retry that writes again passes the seam at once.
  writeFileSync(join(server.holdDir, 'go'), '');
  const retried = round % 5 === 0 ? `Second-Thought-${round}-Lantern!` : written;
  const done = await server.request('POST', ROUTES.setPassword, { newPassword: retried }, token);
  expectNo5xx(done);
  expect(done?.status, JSON.stringify(done?.body)).toBe(200);
  expect(stepOf(done)).toEqual({ kind: 'done', outcome: 'passwordReset' });
  expect(await target.passwordWorks(retried)).toBe(true);

  const events = (await target.auditOf(flowId)).map((row) => `${row.event}:${row.outcome}`);
  expect(events.filter((event) => event === 'password.reset:success')).toHaveLength(1);
  expect(events.filter((event) => event.startsWith('password.write_started'))).toHaveLength(
    retried === written && !target.rewritesOnRetry ? 1 : 2,
  );
  expect(events.some((event) => event.startsWith('password.reset_failed'))).toBe(false);
  expect(events.at(-1)).toBe('password.reset:success');
  // The flow is finished: the token no longer sets anything.
  const again = await server.request('POST', ROUTES.setPassword, { newPassword: retried }, token);
  expectNo5xx(again);
  expect(again?.status).not.toBe(200);
}

/** Waits until `count` reset notices reached the person (each round's retry sends one; a crash must not lose it). */
export async function untilResetNotices(target: KillTarget, count: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const sent = await resetNoticesTo(target.relay, target.email);
    if (sent >= count || Date.now() > deadline) return sent;
    await new Promise((done) => setTimeout(done, 100));
  }
}

/**
 * A kill in the window, then the wizard's retry sent twice at once after the restart (a double click, a second
 * tab): the flow's lock lets one finish it; the other is told by name that the flow is done, and the trail has one
 * password.reset.
 */
export async function killThenRetryTwice(target: KillTarget, round: number): Promise<void> {
  const { server } = target;
  const token = await verifiedReset(target);
  const flowId = await target.newestFlowId();
  const newPassword = `Twice-Retried-${round}-Lantern!`;
  server.armHold();
  const pending = server.request('POST', ROUTES.setPassword, { newPassword }, token);
  await server.untilHeld();
  await server.kill();
  expect(await pending).toBeNull();
  await server.launch();
  writeFileSync(join(server.holdDir, 'go'), '');
  const answers = await Promise.all(
    [1, 2].map(() => server.request('POST', ROUTES.setPassword, { newPassword }, token)),
  );
  answers.forEach(expectNo5xx);
  expect(answers.map((answer) => answer?.status).sort()).toEqual([200, 409]);
  expect(await target.passwordWorks(newPassword)).toBe(true);
  const events = (await target.auditOf(flowId)).map((row) => row.event);
  expect(events.filter((event) => event === 'password.reset')).toHaveLength(1);
}
