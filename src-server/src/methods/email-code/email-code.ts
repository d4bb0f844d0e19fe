import type { MethodOption } from '@resetdesk/shared';
import type { OutgoingMessage } from '../../delivery/delivery';
import type { DirectoryUser } from '../../directory/directory';
import type { DecoyProfile } from '../decoy-profile';
import { DeliveredCodeMethod } from '../code-base/delivered-code';
import type { DeliveredCodeMethodDeps } from '../code-base/delivered-code';
import { maskEmail } from '../masked-email';

export const EMAIL_METHOD_ID = 'email';

export type EmailCodeMethodDeps = DeliveredCodeMethodDeps;

/** A one-time code sent by email: 6 digits, 10 minutes, 5 tries, one use. */
export class EmailCodeMethod extends DeliveredCodeMethod {
  readonly kind = 'email' as const;

  optionFor(user: DirectoryUser): MethodOption | null {
    if (!user.email) return null;
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(user.email) };
  }

  decoyOptionFor(profile: DecoyProfile): MethodOption {
    return { id: EMAIL_METHOD_ID, kind: 'email', maskedTarget: maskEmail(profile.email) };
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
