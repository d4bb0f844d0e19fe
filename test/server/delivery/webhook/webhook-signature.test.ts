import { describe, expect, it } from 'vitest';
import type { WebhookHeaders } from '../../../../src-server/src/delivery/webhook/webhook-signature';
import {
  signWebhook,
  webhookSecretProblem,
  WebhookVerifier,
} from '../../../../src-server/src/delivery/webhook/webhook-signature';
import { gatewaySignature } from '../../support/fake-webhook-gateway';

// The test vector published with the Standard Webhooks reference libraries (svix's, whose scheme it is): reproducing
// it is what says a gateway built on any of those libraries verifies what we send, and we verify what it sends.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const AT_VECTOR_TIME = VECTOR.timestamp * 1000;
const OTHER_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

function headersOf(signature?: string, id = VECTOR.id, timestamp = String(VECTOR.timestamp)): WebhookHeaders {
  return { id, timestamp, signature };
}

describe('Standard Webhooks signatures', () => {
  it('reproduces the published test vector, and so does the fake gateway', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
    expect(gatewaySignature(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('accepts the vector, also as one of several space-separated signatures and among several secrets', () => {
    const verifier = new WebhookVerifier([OTHER_SECRET, VECTOR.secret]);
    const body = Buffer.from(VECTOR.body);
    expect(verifier.verify(headersOf(VECTOR.signature), body, AT_VECTOR_TIME)).toEqual({
      ok: true,
      id: VECTOR.id,
      timestampSeconds: VECTOR.timestamp,
    });
    const several = `v1,${Buffer.alloc(32).toString('base64')} v1a,ignored ${VECTOR.signature}`;
    expect(verifier.verify(headersOf(several), body, AT_VECTOR_TIME).ok).toBe(true);
  });

  it('refuses a missing header, a changed body, id or timestamp, another secret, and a short signature', () => {
    const verifier = new WebhookVerifier([VECTOR.secret]);
    const body = Buffer.from(VECTOR.body);
    const reason = (headers: WebhookHeaders, bytes = body) => {
      const verdict = verifier.verify(headers, bytes, AT_VECTOR_TIME);
      return verdict.ok ? 'ok' : verdict.reason;
    };
    expect(reason(headersOf(undefined))).toBe('unsigned');
    expect(reason({ ...headersOf(VECTOR.signature), id: undefined })).toBe('unsigned');
    expect(reason(headersOf(VECTOR.signature), Buffer.from('{"test": 2432232315}'))).toBe('bad_signature');
    expect(reason(headersOf(VECTOR.signature, 'msg_other'))).toBe('bad_signature');
    expect(reason(headersOf(VECTOR.signature, VECTOR.id, String(VECTOR.timestamp + 1)))).toBe('bad_signature');
    const otherSigned = signWebhook(OTHER_SECRET, VECTOR.id, VECTOR.timestamp, VECTOR.body);
    expect(reason(headersOf(otherSigned))).toBe('bad_signature');
    expect(reason(headersOf(VECTOR.signature.slice(0, 20)))).toBe('bad_signature');
    expect(reason(headersOf(VECTOR.signature.replace('v1,', 'v2,')))).toBe('bad_signature');
  });

  it('calls a genuinely signed event stale past five minutes either way, and fine within them', () => {
    const verifier = new WebhookVerifier([VECTOR.secret]);
    const body = Buffer.from(VECTOR.body);
    const at = (offsetSeconds: number) =>
      verifier.verify(headersOf(VECTOR.signature), body, AT_VECTOR_TIME + offsetSeconds * 1000);
    expect(at(300).ok).toBe(true);
    expect(at(-300).ok).toBe(true);
    expect(at(301)).toEqual({ ok: false, reason: 'stale' });
    expect(at(-301)).toEqual({ ok: false, reason: 'stale' });
  });

  it('takes only whsec_ secrets of 24 to 64 bytes', () => {
    expect(webhookSecretProblem(VECTOR.secret)).toBeNull();
    expect(webhookSecretProblem('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toMatch(/must start with whsec_/u);
    expect(webhookSecretProblem('whsec_not base64!')).toMatch(/base64/u);
    expect(webhookSecretProblem(`whsec_${Buffer.alloc(16).toString('base64')}`)).toMatch(/24 to 64 bytes/u);
    expect(webhookSecretProblem(`whsec_${Buffer.alloc(65).toString('base64')}`)).toMatch(/24 to 64 bytes/u);
  });
});
