import { createHmac } from 'node:crypto';
import type { MethodOption } from '@resetdesk/shared';
import type { OutgoingMessage } from '../delivery/delivery';
import type { DirectoryUser } from '../directory/directory';
import { DeliveredCodeMethod } from './delivered-code';
import type { DeliveredCodeMethodDeps } from './delivered-code';
import { maskEmail } from './masked-email';

export const EMAIL_METHOD_ID = 'email';

export type EmailCodeMethodDeps = DeliveredCodeMethodDeps;

// Used for a decoy when neither the typed name nor the policy says which mail domain to show.
const FALLBACK_DECOY_DOMAIN = 'example.com';

/** A one-time code sent by email: 6 digits, 10 minutes, 5 tries, one use. */
export class EmailCodeMethod extends DeliveredCodeMethod {
  readonly kind = 'email' as const;

  optionFor(user: DirectoryUser): MethodOption | null {
    if (!user.email) return null;
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(user.email) };
  }

  decoyOptionFor(normalizedName: string): MethodOption {
    const digest = createHmac('sha256', this.deps.decoyKey).update(`decoy-email|${normalizedName}`).digest();
    const afterBackslash = normalizedName.slice(normalizedName.lastIndexOf('\\') + 1);
    const at = afterBackslash.lastIndexOf('@');
    const local = at > 0 ? afterBackslash.slice(0, at) : afterBackslash;
    const typedDomain = at > 0 ? afterBackslash.slice(at + 1) : '';
    // Show the initial a real account with this name would most likely have; only names without one get an
    // HMAC-chosen letter, which stays the same on every visit so repeating the request reveals nothing.
    const initial = /^[\p{L}\p{N}]/u.exec(local)?.[0] ?? String.fromCharCode(97 + ((digest[0] ?? 0) % 26));
    const domain = /^[a-z0-9.-]+\.[a-z]{2,}$/u.test(typedDomain)
      ? typedDomain
      : (this.deps.policy.emailDomain ?? FALLBACK_DECOY_DOMAIN);
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(`${initial}@${domain}`) };
  }

  protected messageFor(user: DirectoryUser, code: string): OutgoingMessage | null {
    if (!user.email) return null;
    return {
      channel: 'email',
      to: user.email,
      subject: `${this.deps.policy.organizationName} password reset code`,
      body: [
        `Hello ${user.displayName},`,
        '',
        `Your verification code is ${code}.`,
        `It expires in ${this.deps.policy.codeLifetimeMinutes} minutes and works once.`,
        'If you did not ask to reset your password, ignore this message: your password stays as it is.',
      ].join('\n'),
    };
  }
}
