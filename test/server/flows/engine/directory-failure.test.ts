import { describe, expect, it } from 'vitest';
import { DirectoryError } from '../../../../src-server/src/directory/directory-error';
import { AppError } from '../../../../src-server/src/errors/app-error';
import {
  directoryFailureDetail,
  directoryFailureError,
} from '../../../../src-server/src/flows/engine/directory-failure';

const fallback = 'The directory did not accept the new password.';

describe('what a person is told when the directory refuses', () => {
  it("turns the directory's own policy refusals into reasons the wizard explains", () => {
    const cases = [
      ['policy', 'DIRECTORY_POLICY'],
      ['history', 'PASSWORD_IN_HISTORY'],
      ['too_short', 'TOO_SHORT'],
      ['too_young', 'PASSWORD_TOO_RECENT'],
    ] as const;
    for (const [failure, reason] of cases) {
      const error = directoryFailureError(new DirectoryError(failure, 'LDAP result 19'), fallback);
      expect(error.code).toBe('PASSWORD_REJECTED');
      expect(error.details).toEqual({ reasons: [reason] });
      // The directory's own message is for the log, never the person.
      expect(error.message).not.toContain('LDAP');
    }
  });

  it("names the built-in directory's failing database STORE_UNAVAILABLE, an LDAP server's refused socket not", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(directoryFailureError(refused, fallback).code).toBe('STORE_UNAVAILABLE');
    const ldap = new DirectoryError('unavailable', 'The directory cannot be reached', { cause: refused });
    expect(directoryFailureError(ldap, fallback).code).toBe('DIRECTORY_UNAVAILABLE');
  });

  it('names an outage, a wrong old password and a lockout, and falls back to DIRECTORY_ERROR', () => {
    expect(directoryFailureError(new DirectoryError('unavailable', 'ECONNREFUSED'), fallback).code).toBe(
      'DIRECTORY_UNAVAILABLE',
    );
    expect(directoryFailureError(new DirectoryError('wrong_password', '00000056'), fallback).code).toBe(
      'CREDENTIALS_INVALID',
    );
    expect(directoryFailureError(new DirectoryError('locked', '775'), fallback).code).toBe('ACCOUNT_LOCKED');
    const other = directoryFailureError(new Error('insufficientAccessRights'), fallback);
    expect(other.code).toBe('DIRECTORY_ERROR');
    expect(other.message).toBe(fallback);
    const passedOn = new AppError('FLOW_EXPIRED', 'gone');
    expect(directoryFailureError(passedOn, fallback)).toBe(passedOn);
  });

  it('audits the failure by name', () => {
    expect(directoryFailureDetail(new DirectoryError('unavailable', 'x'))).toBe('DIRECTORY_UNAVAILABLE');
    expect(directoryFailureDetail(new Error('x'))).toBe('DIRECTORY_ERROR');
  });
});
