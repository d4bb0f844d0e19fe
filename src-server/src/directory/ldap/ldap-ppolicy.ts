import { BerWriter, Control, type BerReader } from 'ldapts';
import type { DirectoryFailure } from '../directory-error';

/** draft-behera-ldap-password-policy: the request and response control of the ppolicy overlay. */
export const PPOLICY_CONTROL_OID = '1.3.6.1.4.1.42.2.27.8.5.1';

/** The response's `error` enumeration (draft-behera section 6.2). */
export const PpolicyError = {
  passwordExpired: 0,
  accountLocked: 1,
  changeAfterReset: 2,
  passwordModNotAllowed: 3,
  mustSupplyOldPassword: 4,
  insufficientPasswordQuality: 5,
  passwordTooShort: 6,
  passwordTooYoung: 7,
  passwordInHistory: 8,
} as const;

/**
 * Sent with a bind or Password Modify so that ppolicy says which rule applied. ldapts parses a response control
 * into the request control of the same OID, so each operation needs a fresh instance, read after it settles
 * (also after it failed: the control comes with the error result).
 */
export class PasswordPolicyControl extends Control {
  // The error enumeration when the server sent one, else null.
  error: number | null = null;
  timeBeforeExpiration: number | null = null;
  graceAuthNsRemaining: number | null = null;

  constructor() {
    super(PPOLICY_CONTROL_OID, { critical: false });
  }

  // The request control has no value.
  protected override writeControl(): void {}

  // PasswordPolicyResponseValue ::= SEQUENCE { warning [0] CHOICE {...} OPTIONAL, error [1] ENUMERATED OPTIONAL }
  protected override parseControl(reader: BerReader): void {
    if (reader.buffer.length === 0 || reader.readSequence() === null) return;
    const end = reader.offset + reader.length;
    while (reader.offset < end) {
      const tag = reader.peek();
      if (tag === 0xa0) {
        reader.readSequence(0xa0);
        const choice = reader.peek();
        if (choice === 0x80) this.timeBeforeExpiration = reader.readTag(0x80);
        else if (choice === 0x81) this.graceAuthNsRemaining = reader.readTag(0x81);
        else return;
      } else if (tag === 0x81) {
        this.error = reader.readTag(0x81);
      } else {
        return;
      }
    }
  }
}

/** What a ppolicy error enumeration means for a password write (null: not a refusal reason of its own). */
export function failureOfPpolicyError(error: number | null): DirectoryFailure | null {
  switch (error) {
    case PpolicyError.passwordInHistory:
      return 'history';
    case PpolicyError.passwordTooShort:
      return 'too_short';
    case PpolicyError.passwordTooYoung:
      return 'too_young';
    case PpolicyError.insufficientPasswordQuality:
    case PpolicyError.passwordModNotAllowed:
      return 'policy';
    case PpolicyError.accountLocked:
      return 'locked';
    case PpolicyError.mustSupplyOldPassword:
      return 'refused';
    default:
      return null;
  }
}

/** RFC 3062 Password Modify extended operation. */
export const PASSWORD_MODIFY_OID = '1.3.6.1.4.1.4203.1.11.1';

/** PasswdModifyRequestValue ::= SEQUENCE { userIdentity [0], oldPasswd [1] OPTIONAL, newPasswd [2] } (RFC 3062). */
export function passwordModifyValue(userDn: string, newPassword: string, oldPassword?: string): Buffer {
  const writer = new BerWriter();
  writer.startSequence();
  writer.writeString(userDn, 0x80);
  if (oldPassword !== undefined) writer.writeString(oldPassword, 0x81);
  writer.writeString(newPassword, 0x82);
  writer.endSequence();
  return writer.buffer;
}
