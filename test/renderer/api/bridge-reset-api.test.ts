import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES, RESETDESK_BRIDGE_KEY, buildBridge, fail, ok } from '@resetdesk/shared';
import { createBridgeResetApi, findBridge } from '../../../src-renderer/src/api/bridge-reset-api';

describe('bridge ResetApi', () => {
  it('finds only a bridge with every declared operation', () => {
    const bridge = buildBridge(() => Promise.resolve(ok(null)));
    expect(findBridge({ [RESETDESK_BRIDGE_KEY]: bridge })).toBe(bridge);
    const { getFlow: _missing, ...partial } = bridge;
    expect(findBridge({ [RESETDESK_BRIDGE_KEY]: partial })).toBeNull();
    expect(findBridge({})).toBeNull();
  });

  it('sends each operation to the bridge function of the same name and passes its Result on', async () => {
    const calls: [string, unknown][] = [];
    const api = createBridgeResetApi(
      buildBridge((name, input) => {
        calls.push([name, input]);
        return Promise.resolve(name === 'verifyCode' ? fail('CODE_INVALID', 'wrong') : ok({ cancelled: true }));
      }),
    );
    expect(await api.verifyCode({ code: '123456' })).toEqual(fail('CODE_INVALID', 'wrong'));
    expect(await api.cancelFlow({})).toEqual(ok({ cancelled: true }));
    expect(calls).toEqual([
      ['verifyCode', { code: '123456' }],
      ['cancelFlow', {}],
    ]);
    expect(Object.keys(api).sort()).toEqual([...OPERATION_NAMES].sort());
  });

  it('turns a throwing bridge or an answer that is no Result into an error Result', async () => {
    const throwing = createBridgeResetApi(buildBridge(() => Promise.reject(new Error('gone'))));
    expect(await throwing.getFlow({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    const odd = createBridgeResetApi(buildBridge(() => Promise.resolve('not a result')));
    expect(await odd.getFlow({})).toMatchObject({ ok: false, error: { code: 'SERVER_BAD_RESPONSE' } });
  });
});
