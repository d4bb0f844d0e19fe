import { generateSecret, generate, verify } from 'otplib';
import { randomBytes } from 'node:crypto';
import { PasswordHasher } from '../../src-server/src/support/password-hash';
import { ANSWER_SCRYPT_COST } from '../../src-server/src/methods/security-questions/security-questions';
import { normalizeAnswer } from '../../src-server/src/methods/security-questions/security-answer';
import { deriveTotpKey, openSecret, sealSecret } from '../../src-server/src/methods/authenticator-code/totp-secret-box';

export interface VerifyCost {
  answerSetMs: number[];
  totpMs: number[];
  questionsPerSet: number;
}

/**
 * What the server spends on one verification, measured in-process on the same code paths the methods use (no HTTP,
 * no database): one set of security answers (normalise + scrypt verify of each answer, all checked in parallel as
 * the method does), and one TOTP code (decrypt the AES-256-GCM secret + otplib verify with one step either side).
 */
export async function measureVerifyCost(options: { answerSets: number; totpCodes: number; questionsPerSet: number }): Promise<VerifyCost> {
  const hasher = new PasswordHasher(ANSWER_SCRYPT_COST);
  const answers = ['Den Haag', 'Biscuit', 'Golden Earring', 'Noor', 'Volvo 240'].slice(0, options.questionsPerSet);
  const hashes = await Promise.all(answers.map((a) => hasher.hash(normalizeAnswer(a))));
  const answerSetMs: number[] = [];
  for (let i = 0; i < options.answerSets; i++) {
    const started = performance.now();
    const results = await Promise.all(hashes.map((hash, index) => hasher.verify(hash, normalizeAnswer(` ${answers[index]?.toUpperCase()} `))));
    answerSetMs.push(performance.now() - started);
    if (!results.every(Boolean)) throw new Error('answer verification failed in the benchmark');
  }

  const key = deriveTotpKey(randomBytes(32));
  const secret = generateSecret();
  const sealed = sealSecret(key, secret, 'bench-user');
  const token = await generate({ secret });
  const totpMs: number[] = [];
  for (let i = 0; i < options.totpCodes; i++) {
    const started = performance.now();
    const result = await verify({ secret: openSecret(key, sealed, 'bench-user'), token, epochTolerance: 30 });
    totpMs.push(performance.now() - started);
    if (!result.valid) throw new Error('TOTP verification failed in the benchmark');
  }
  return { answerSetMs, totpMs, questionsPerSet: options.questionsPerSet };
}
