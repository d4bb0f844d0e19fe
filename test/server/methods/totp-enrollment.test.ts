import { generate } from 'otplib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WIZARD_CSP_DIRECTIVES } from '../../../src-main/security/content-security-policy';
import { AppError } from '../../../src-server/src/errors/app-error';
import { CONTENT_SECURITY_POLICY } from '../../../src-server/src/http/security-headers';
import { createTestServer } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

// Adding an authenticator app through the real runtime and store (PostgreSQL with RESETDESK_TEST_STORE=postgres):
// the pending secret, its URI and QR code, the first code that confirms it, and what cannot be replayed.

let server: TestServer;

// A hook's default 10 s is short for the first server of a PostgreSQL run (it starts the cluster).
beforeEach(async () => {
  server = await createTestServer({ demo: true });
}, 90_000);

afterEach(async () => {
  await server.close();
});

const enrollment = () => server.runtime.methods.totpEnrollment;

async function bianca() {
  const user = await server.runtime.directory.findUser('bianca');
  if (!user) throw new Error('no bianca');
  return user;
}

const codeAt = (secret: string, at: Date): Promise<string> =>
  generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('authenticator app enrollment', () => {
  it('gives a new secret, its otpauth URI (organisation, user) and a QR code that needs no CSP change', async () => {
    const user = await bianca();
    const pending = await enrollment().start(user);
    expect(pending.secret).toMatch(/^[A-Z2-7]{16,}$/u);
    const uri = new URL(pending.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Contoso:bianca');
    expect(uri.searchParams.get('issuer')).toBe('Contoso');
    expect(uri.searchParams.get('secret')).toBe(pending.secret);
    expect(pending.qrSvg.startsWith('<svg')).toBe(true);
    expect(pending.qrSvg).toContain('<path');
    // Inline markup with nothing a CSP governs: no script, no handler, no link out, no style element.
    expect(pending.qrSvg).not.toMatch(/<script|\son\w+=|href=|<style|url\(/iu);
    // And as an <img> data: URL, both policies allow it already.
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:");
    expect(WIZARD_CSP_DIRECTIVES['img-src']).toContain('data:');
    // Not registered until confirmed.
    expect(await server.runtime.methods.totp.optionFor(user)).toBeNull();
  });

  it('refuses a wrong first code by name, counting attempts, then registers with the right one', async () => {
    const user = await bianca();
    const { enrollmentId, secret } = await enrollment().start(user);
    const wrong = await refusal(enrollment().confirm(user, enrollmentId, '000000'));
    expect(wrong.code).toBe('TOTP_ENROLLMENT_CODE_INVALID');
    expect(wrong.details).toEqual({ attemptsLeft: 4 });
    await enrollment().confirm(user, enrollmentId, await codeAt(secret, server.clock.now()));
    expect(await server.runtime.methods.totp.optionFor(user)).toMatchObject({ kind: 'totp' });
  });

  it('cannot be confirmed twice, nor its confirming code used again in a reset; a setup expires', async () => {
    const user = await bianca();
    const { enrollmentId, secret } = await enrollment().start(user);
    const code = await codeAt(secret, server.clock.now());
    await enrollment().confirm(user, enrollmentId, code);
    const replay = await refusal(enrollment().confirm(user, enrollmentId, code));
    expect(replay.code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
    const registration = await server.runtime.methods.registrations.find(user.id, 'totp');
    const step = Math.floor(server.clock.now().getTime() / 30_000);
    expect(await server.runtime.methods.registrations.useTimeStep(registration?.id ?? '', step)).toBe(false);

    const later = await enrollment().start(user);
    server.clock.advanceMinutes(11);
    const late = await refusal(
      enrollment().confirm(user, later.enrollmentId, await codeAt(later.secret, server.clock.now())),
    );
    expect(late.code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
  });

  it('ends a setup after the policy\'s wrong codes, and a new start replaces the old one', async () => {
    const user = await bianca();
    const first = await enrollment().start(user);
    const second = await enrollment().start(user);
    const replaced = await refusal(
      enrollment().confirm(user, first.enrollmentId, await codeAt(first.secret, server.clock.now())),
    );
    expect(replaced.code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
    const lefts: unknown[] = [];
    for (let i = 0; i < 5; i += 1) {
      lefts.push((await refusal(enrollment().confirm(user, second.enrollmentId, '000000'))).details);
    }
    expect(lefts.map((d) => (d as { attemptsLeft: number }).attemptsLeft)).toEqual([4, 3, 2, 1, 0]);
    const right = await codeAt(second.secret, server.clock.now());
    const over = await refusal(enrollment().confirm(user, second.enrollmentId, right));
    expect(over.code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
    const other = await server.runtime.directory.findUser('adele');
    const stranger = await refusal(enrollment().confirm(other ?? user, second.enrollmentId, right));
    expect(stranger.code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
  });

  it('lets exactly one of two confirmations at once register the secret', async () => {
    const user = await bianca();
    const { enrollmentId, secret } = await enrollment().start(user);
    const code = await codeAt(secret, server.clock.now());
    const results = await Promise.allSettled(
      Array.from({ length: 4 }, () => enrollment().confirm(user, enrollmentId, code)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as AppError).code).toBe('TOTP_ENROLLMENT_NOT_PENDING');
    }
  });
});
