import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  ErrorResponseSchema,
  FlowResponseSchema,
  OPERATIONS,
  OPERATION_NAMES,
  ROUTES,
  StartFlowRequestSchema,
  VerifyCodeRequestSchema,
  buildBridge,
  fail,
  ok,
  resultSchema,
  FlowViewSchema,
} from '@resetdesk/shared';

describe('HTTP contract', () => {
  it('trims usernames and refuses control characters and empty names', () => {
    expect(StartFlowRequestSchema.parse({ kind: 'reset', username: '  adele ' }).username).toBe('adele');
    expect(StartFlowRequestSchema.safeParse({ kind: 'reset', username: '   ' }).success).toBe(false);
    expect(StartFlowRequestSchema.safeParse({ kind: 'reset', username: 'a\u0000b' }).success).toBe(false);
    expect(StartFlowRequestSchema.safeParse({ kind: 'reset', username: 'adele', extra: 1 }).success).toBe(false);
  });

  it('accepts only digit codes of 6 to 10 characters', () => {
    expect(VerifyCodeRequestSchema.safeParse({ code: '123456' }).success).toBe(true);
    expect(VerifyCodeRequestSchema.safeParse({ code: '12345' }).success).toBe(false);
    expect(VerifyCodeRequestSchema.safeParse({ code: '12345a' }).success).toBe(false);
  });

  it('rejects an error response with an unknown code or a secret-bearing extra field', () => {
    expect(ErrorResponseSchema.safeParse({ error: { code: 'NOPE', message: 'x' } }).success).toBe(false);
    expect(
      ErrorResponseSchema.safeParse({ error: { code: 'CODE_INVALID', message: 'x', details: { code: '123456' } } })
        .success,
    ).toBe(false);
    expect(
      ErrorResponseSchema.safeParse({ error: { code: 'CODE_INVALID', message: 'x', details: { attemptsLeft: 3 } } })
        .success,
    ).toBe(true);
  });

  it('validates a flow response with its discriminated step', () => {
    const response = {
      flowToken: 'x'.repeat(43),
      flow: {
        flowKind: 'reset',
        expiresAt: '2026-11-25T20:00:00.000Z',
        step: { kind: 'chooseMethod', gate: 1, gatesRequired: 1, methods: [{ id: 'email', kind: 'email', maskedTarget: 'a•••@contoso.example' }] },
      },
    };
    expect(FlowResponseSchema.safeParse(response).success).toBe(true);
    expect(
      FlowResponseSchema.safeParse({ ...response, flow: { ...response.flow, step: { kind: 'chooseMethod', methods: [] } } })
        .success,
    ).toBe(false);
  });

  it('has unique error codes', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});

describe('operation declarations', () => {
  it('declares exactly the listed names, each with schemas and a relay', () => {
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATION_NAMES].sort());
    expect(new Set(OPERATION_NAMES).size).toBe(OPERATION_NAMES.length);
  });

  it('routes every remote operation to one of the API routes', () => {
    const routes: string[] = Object.values(ROUTES);
    for (const name of OPERATION_NAMES) {
      const declaration: { relay: string; http?: { path: string } } = OPERATIONS[name];
      const local = declaration.relay === 'appInfo';
      expect(declaration.http === undefined, name).toBe(local);
      if (declaration.http) expect(routes, name).toContain(declaration.http.path);
    }
  });

  it('builds a bridge with one function per operation that forwards its name to invoke', async () => {
    const calls: [string, unknown][] = [];
    const bridge = buildBridge(async (channel, input) => {
      calls.push([channel, input]);
      return fail('FLOW_EXPIRED', 'no flow');
    });
    expect(Object.keys(bridge).sort()).toEqual([...OPERATION_NAMES].sort());
    await bridge.verifyCode({ code: '123456' });
    expect(calls).toEqual([['verifyCode', { code: '123456' }]]);
  });

  it('result schemas accept ok and error results and nothing else', () => {
    const schema = resultSchema(FlowViewSchema);
    expect(schema.safeParse(fail('INTERNAL', 'x')).success).toBe(true);
    expect(schema.safeParse(ok({ nope: true })).success).toBe(false);
    expect(schema.safeParse({ ok: false, error: { code: 'INTERNAL' } }).success).toBe(false);
  });
});
