import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '@resetdesk/shared';
import { AppError } from '../../../src-server/src/errors/app-error';
import { privilegedResetNotice, contactRequestMessage } from '../../../src-server/src/help-requests/helpdesk-messages';
import {
  applyOverrides,
  parseCliValue,
  PolicyError,
  withSetting,
} from '../../../src-server/src/policy/policy-overrides';
import {
  ADMIN_FORBIDDEN_METHOD_KINDS,
  isAdminAccount,
  isResetAllowed,
  requirementsFor,
} from '../../../src-server/src/policy/reset-eligibility';
import { createNetworkGate } from '../../../src-server/src/support/network-gate';
import { resetPolicy, ResetPolicySchema } from '../../../src-server/src/policy/reset-policy';
import type { ResetPolicy } from '../../../src-server/src/policy/reset-policy';
import { createTestServer, makeTempDir } from '../support/server-fixtures';
import type { TestServer } from '../support/server-fixtures';

/** Policy with method kinds other modules add later (security questions), for the admin filter. */
function withMethods(policy: ResetPolicy, methods: string[]): ResetPolicy {
  return { ...policy, methods: methods as ResetPolicy['methods'] };
}

describe('reset policy rules', () => {
  it('has Entra-like defaults', () => {
    const policy = resetPolicy();
    expect(policy).toMatchObject({
      resetEnabledFor: 'all',
      gatesRequired: 1,
      enumerationProtection: true,
      registrationRequired: true,
      methodsToRegister: 1,
      codeLifetimeMinutes: 10,
      maxCodeAttempts: 5,
      allowedClientNetworks: [],
      throttle: {
        identityFailures: { max: 5, windowMinutes: 1440, lockMinutes: 1440 },
        changeFailures: { max: 5, windowMinutes: 1440, lockMinutes: 1440 },
        // A send cap is a short wait, never a lock (issue 9 item 8).
        methodTries: { max: 5, windowMinutes: 60 },
        emails: { max: 10, windowMinutes: 10 },
        helpRequests: { max: 3, windowMinutes: 60 },
        resets: { max: 5, windowMinutes: 60 },
      },
    });
  });

  it('decides who may reset: off, selected groups (case-insensitive), everyone', () => {
    expect(isResetAllowed(resetPolicy({ resetEnabledFor: 'none' }), ['SSPR'])).toBe(false);
    const selected = resetPolicy({ resetEnabledFor: 'selected', resetGroups: ['SSPR Users'] });
    expect(isResetAllowed(selected, ['sspr users'])).toBe(true);
    expect(isResetAllowed(selected, ['Sales'])).toBe(false);
    expect(isResetAllowed(selected, [])).toBe(false);
    expect(isResetAllowed(resetPolicy({ resetEnabledFor: 'all' }), [])).toBe(true);
  });

  it('gives admin accounts two gates and never security questions', () => {
    const policy = withMethods(resetPolicy({ gatesRequired: 1, adminGroups: ['Domain Admins'] }), [
      'email',
      'questions',
      'sms',
    ]);
    expect(isAdminAccount(policy, ['domain admins'])).toBe(true);
    const admin = requirementsFor(policy, ['Domain Admins']);
    expect(admin).toMatchObject({ admin: true, gatesRequired: 2, methodKinds: ['email', 'sms'], methodsToRegister: 2 });
    const member = requirementsFor(policy, ['Sales']);
    expect(member).toMatchObject({ admin: false, gatesRequired: 1, methodKinds: ['email', 'questions', 'sms'] });
    expect([...ADMIN_FORBIDDEN_METHOD_KINDS]).toContain('questions');
  });

  it('needs as many registered methods as the policy says, never fewer than the gates', () => {
    expect(requirementsFor(resetPolicy({ methodsToRegister: 2 }), []).methodsToRegister).toBe(2);
    expect(requirementsFor(resetPolicy({ gatesRequired: 2, methodsToRegister: 1 }), []).methodsToRegister).toBe(2);
    expect(requirementsFor(resetPolicy({ registrationRequired: false, methodsToRegister: 3 }), []).methodsToRegister).toBe(1);
  });

  it('limits reset to the allowed networks (IPv4, IPv6, IPv4-mapped)', () => {
    expect(createNetworkGate([])('203.0.113.1')).toBe(true);
    const gate = createNetworkGate(['10.0.0.0/8', '192.0.2.10', '2001:db8::/32']);
    expect(gate('10.20.30.40')).toBe(true);
    expect(gate('::ffff:10.1.1.1')).toBe(true);
    expect(gate('192.0.2.10')).toBe(true);
    expect(gate('192.0.2.11')).toBe(false);
    expect(gate('2001:db8::1')).toBe(true);
    expect(gate('2001:db9::1')).toBe(false);
    expect(gate(null)).toBe(false);
    expect(ResetPolicySchema.safeParse({ allowedClientNetworks: ['10.0.0.0/99'] }).success).toBe(false);
    expect(ResetPolicySchema.safeParse({ allowedClientNetworks: ['not-an-ip'] }).success).toBe(false);
  });

  it('accepts a web or mailto contact link, nothing else', () => {
    expect(ResetPolicySchema.safeParse({ contactAdminUrl: 'mailto:helpdesk@contoso.example' }).success).toBe(true);
    expect(ResetPolicySchema.safeParse({ contactAdminUrl: 'https://help.contoso.example' }).success).toBe(true);
    expect(ResetPolicySchema.safeParse({ contactAdminUrl: 'javascript:alert(1)' }).success).toBe(false);
  });
});

describe('policy overrides', () => {
  it('sets dotted keys, validates the whole policy, and cannot reach prototypes', () => {
    const base = resetPolicy();
    const changed = applyOverrides(base, [
      { key: 'gatesRequired', value: 2, updatedAt: '' },
      { key: 'throttle.emails.max', value: 3, updatedAt: '' },
    ]);
    expect(changed.gatesRequired).toBe(2);
    expect(changed.throttle.emails).toEqual({ max: 3, windowMinutes: 10 });
    expect(() => applyOverrides(base, [{ key: 'gatesRequired', value: 3, updatedAt: '' }])).toThrow(PolicyError);
    expect(() => applyOverrides(base, [{ key: 'noSuchKey', value: 1, updatedAt: '' }])).toThrow(PolicyError);
    expect(() => withSetting({}, '__proto__.polluted', 1)).toThrow();
    const viaConstructor = withSetting({}, 'constructor.polluted', 1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(viaConstructor, 'constructor')).toBe(true);
    expect(parseCliValue('2')).toBe(2);
    expect(parseCliValue('["A"]')).toEqual(['A']);
    expect(parseCliValue('selected')).toBe('selected');
  });
});

describe('helpdesk messages', () => {
  it('name the user and what happened, and go nowhere without a helpdesk address', () => {
    const policy = resetPolicy({ organizationName: 'Contoso', helpdeskEmail: 'helpdesk@contoso.example' });
    const notice = privilegedResetNotice(policy, { username: 'megan', displayName: 'Megan Bowen' }, new Date(0), '192.0.2.1');
    expect(notice).toMatchObject({ to: 'helpdesk@contoso.example', subject: expect.stringContaining('megan') });
    const request = contactRequestMessage(policy, {
      username: 'carlos',
      displayName: 'Carlos Slattery',
      reason: 'ACCOUNT_NOT_ENABLED',
      at: new Date(0),
      ip: null,
    });
    expect(request?.body).toContain('ACCOUNT_NOT_ENABLED');
    expect(privilegedResetNotice(resetPolicy(), { username: 'x', displayName: 'X' }, new Date(0), null)).toBeNull();
  });
});

// ---- the rules inside the running reset flow ------------------------------------------------------------------

let server: TestServer | undefined;
let temp: ReturnType<typeof makeTempDir> | undefined;

afterEach(async () => {
  await server?.close();
  temp?.remove();
  server = undefined;
  temp = undefined;
});

async function serverWithPolicy(policy: Record<string, unknown>): Promise<TestServer> {
  temp = makeTempDir();
  const file = join(temp.dir, 'policy.json');
  writeFileSync(file, JSON.stringify(policy));
  server = await createTestServer({ demo: true, env: { RESETDESK_POLICY_FILE: file } });
  return server;
}

async function codeOf(promise: Promise<unknown>): Promise<ErrorCode | 'ok'> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

const ctx = { ip: '192.0.2.10' };
const start = (s: TestServer, username: string, context = ctx) =>
  s.runtime.flows.start({ kind: 'reset', username }, context);

describe('reset policy in the flow', () => {
  it('refuses everyone when reset is off, and non-members when it is for selected groups', async () => {
    const off = await serverWithPolicy({ resetEnabledFor: 'none' });
    expect(await codeOf(start(off, 'adele'))).toBe('ACCOUNT_NOT_ENABLED');
    await off.close();
    temp?.remove();

    const selected = await serverWithPolicy({ resetEnabledFor: 'selected', resetGroups: ['Administrators'] });
    expect(await codeOf(start(selected, 'adele'))).toBe('ACCOUNT_NOT_ENABLED');
    // Megan is in the group, but as an administrator she needs two methods and has one.
    expect(await codeOf(start(selected, 'megan'))).toBe('ACCOUNT_NOT_VERIFIABLE');
    // Unknown names still get a decoy: a refusal would tell the name exists.
    expect(await codeOf(start(selected, 'nobody'))).toBe('ok');
  });

  it('makes admin accounts pass two gates; without the admin group they reset with one', async () => {
    const s = await serverWithPolicy({});
    expect(await codeOf(start(s, 'megan'))).toBe('ACCOUNT_NOT_VERIFIABLE');
    await s.close();
    temp?.remove();
    const relaxed = await serverWithPolicy({ adminGroups: [] });
    const flow = await start(relaxed, 'megan');
    expect(flow.flow.step).toMatchObject({ kind: 'chooseMethod', gatesRequired: 1 });
  });

  it('requires as many registered methods as the policy says', async () => {
    const s = await serverWithPolicy({ methodsToRegister: 2 });
    expect(await codeOf(start(s, 'adele'))).toBe('ACCOUNT_NOT_VERIFIABLE');
  });

  it('answers unknown names at once when enumeration protection is off', async () => {
    const s = await serverWithPolicy({ enumerationProtection: false });
    expect(await codeOf(start(s, 'nobody'))).toBe('ACCOUNT_NOT_VERIFIABLE');
    expect(await codeOf(start(s, 'adele'))).toBe('ok');
  });

  it('refuses requests from outside the allowed networks with DEVICE_NOT_ALLOWED and the contact link', async () => {
    const s = await serverWithPolicy({ allowedClientNetworks: ['10.0.0.0/8'] });
    const refused = await s.runtime.flows.start({ kind: 'reset', username: 'adele' }, ctx).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('DEVICE_NOT_ALLOWED');
    expect((refused as AppError).details?.contactUrl).toBe('https://help.contoso.example/password');
    expect(await codeOf(start(s, 'nobody'))).toBe('DEVICE_NOT_ALLOWED');
    expect(await codeOf(start(s, 'adele', { ip: '10.1.2.3' }))).toBe('ok');
  });

  it('audits every refusal with its reason', async () => {
    const s = await serverWithPolicy({ resetEnabledFor: 'none' });
    await codeOf(start(s, 'adele'));
    const rows = await s.runtime.audit.list({ username: 'adele' });
    expect(rows[0]).toMatchObject({ event: 'flow.refused', outcome: 'failure', detail: 'ACCOUNT_NOT_ENABLED' });
  });
});
