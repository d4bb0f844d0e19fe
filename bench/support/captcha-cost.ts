import { createHash } from 'node:crypto';
import { CaptchaChallengeSchema, ROUTES } from '@resetdesk/shared';
import { leadingZeroBits } from '../../src-server/src/captcha/captcha-service';

/** POST /captcha latencies (the server draws a new picture and stores its HMAC each time), one at a time. */
export async function measureCaptchaIssue(serverUrl: string, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const response = await fetch(`${serverUrl}${ROUTES.getCaptcha}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    CaptchaChallengeSchema.parse(await response.json());
    latencies.push(performance.now() - t0);
  }
  return latencies;
}

/** What the no-sight alternative costs a client: time to find a nonce with `bits` leading zero bits (Node's SHA-256). */
export function measureProofOfWork(bits: number, samples: number): number[] {
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const salt = `bench-${s}-${Math.random().toString(36).slice(2)}`;
    const t0 = performance.now();
    for (let nonce = 0; ; nonce++) {
      if (leadingZeroBits(createHash('sha256').update(`${salt}:${nonce}`).digest()) >= bits) break;
    }
    times.push(performance.now() - t0);
  }
  return times;
}
