import { describe, expect, it } from 'vitest';
import {
  ConstraintViolationError,
  InsufficientAccessError,
  InvalidCredentialsError,
  UnwillingToPerformError,
} from 'ldapts';
import {
  bindDataCode,
  modifyFailure,
  signInFromBindCode,
} from '../../../../src-server/src/directory/active-directory/ad-errors';
import { formatGuid, parseGuid } from '../../../../src-server/src/directory/active-directory/ad-guid';
import { AdLookup } from '../../../../src-server/src/directory/active-directory/ad-lookup';
import { filetimeToDate } from '../../../../src-server/src/directory/active-directory/ad-membership';
import { ActiveDirectorySettingsSchema } from '../../../../src-server/src/directory/active-directory/ad-settings';
import { formatSid, isPrivilegedSid } from '../../../../src-server/src/directory/active-directory/ad-sid';
import { LdapConnection } from '../../../../src-server/src/directory/ldap-common/ldap-connection';

const base = {
  kind: 'activeDirectory',
  connection: {
    urls: ['ldaps://dc1.contoso.example'],
    security: 'ldaps',
    bindDn: 'CN=svc,DC=contoso,DC=example',
    bindPassword: { env: 'AD_PASSWORD' },
    baseDn: 'DC=contoso,DC=example',
  },
};

describe('Active Directory codes (no server)', () => {
  it('formats objectGUID with the first three fields little-endian, and parses it back', () => {
    // The bytes Samba sent for a user that `samba-tool user show` printed as 5e599a91-9c42-4c29-8b44-465eeda792ae.
    const bytes = Buffer.from('919a595e429c294c8b44465eeda792ae', 'hex');
    expect(formatGuid(bytes)).toBe('5e599a91-9c42-4c29-8b44-465eeda792ae');
    expect(Buffer.from(parseGuid('5E599A91-9C42-4C29-8B44-465EEDA792AE') ?? [])).toEqual(bytes);
    for (const bad of ['', '*', '5e599a91-9c42-4c29-8b44-465eeda792a', '5e599a91-9c42-4c29-8b44-465eeda792ae)(x=*']) {
      expect(parseGuid(bad)).toBeNull();
    }
  });

  it('reads SIDs and knows the privileged groups', () => {
    expect(formatSid(Buffer.from('01020000000000052000000020020000', 'hex'))).toBe('S-1-5-32-544');
    expect(isPrivilegedSid('S-1-5-32-544')).toBe(true);
    expect(isPrivilegedSid('S-1-5-32-545')).toBe(false);
    expect(isPrivilegedSid('S-1-5-21-1-2-3-512')).toBe(true);
    expect(isPrivilegedSid('S-1-5-21-1-2-3-513')).toBe(false);
    expect(isPrivilegedSid('S-1-5-21-1-2-3-500')).toBe(true);
  });

  it('maps modify errors by LDAP code and the leading Win32 code, never the wording', () => {
    const policy = modifyFailure(new ConstraintViolationError('0000052D: Constraint violation - any words'), 'reset');
    expect(policy.failure).toBe('policy');
    expect(modifyFailure(new UnwillingToPerformError('0000052D: SvcErr: DSID-031A1248, problem 5003'), 'r').failure)
      .toBe('policy');
    expect(modifyFailure(new ConstraintViolationError('00000056: AtrErr: DSID-03190F80, #1'), 'change').failure)
      .toBe('wrong_password');
    // The wording of a policy refusal without its code is not a policy refusal.
    const worded = new ConstraintViolationError('password is too short (0000052D)');
    expect(modifyFailure(worded, 'r').failure).toBe('refused');
    expect(modifyFailure(new InsufficientAccessError('00002098: SecErr: DSID-03150F94'), 'r').failure).toBe('refused');
    expect(modifyFailure(new Error('socket hang up'), 'r').failure).toBe('unavailable');
  });

  it('tells locked out, disabled and must change only from codes that prove the password', () => {
    const bind = (data: string) =>
      bindDataCode(new InvalidCredentialsError(
        `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${data}, v4563`,
      ));
    expect(bind('52e')).toBe('52e');
    expect(signInFromBindCode(bind('52e'))).toBe('invalid');
    expect(signInFromBindCode(bind('525'))).toBe('invalid');
    expect(signInFromBindCode(bind('775'))).toBe('invalid');
    expect(signInFromBindCode(bind('533'))).toBe('disabled');
    expect(signInFromBindCode(bind('701'))).toBe('disabled');
    expect(signInFromBindCode(bind('773'))).toBe('must_change');
    expect(signInFromBindCode(bind('532'))).toBe('must_change');
    expect(bindDataCode(new ConstraintViolationError('data 533'))).toBeNull();
  });

  it('converts FILETIME to a Date', () => {
    expect(filetimeToDate('0')).toBeNull();
    expect(filetimeToDate(null)).toBeNull();
    expect(filetimeToDate('116444736000000000')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(filetimeToDate('134407652698503590')?.getUTCFullYear()).toBe(2026);
  });

  it('has strict settings with defaults', () => {
    const settings = ActiveDirectorySettingsSchema.parse(base);
    expect(settings.findBy).toEqual(['sAMAccountName', 'userPrincipalName', 'mail']);
    expect(settings.attributes).toEqual({
      displayName: 'displayName', givenName: 'givenName', sn: 'sn', mail: 'mail', mobile: 'mobile',
    });
    expect(settings.forceChangeAfterReset).toBe(false);
    expect(settings.resetGroups).toBeUndefined();
    expect(ActiveDirectorySettingsSchema.safeParse({ ...base, unknown: 1 }).success).toBe(false);
    expect(ActiveDirectorySettingsSchema.safeParse({ ...base, findBy: ['uid'] }).success).toBe(false);
    expect(ActiveDirectorySettingsSchema.safeParse({ ...base, attributes: { mail: 'mail)(x' } }).success).toBe(false);
    expect(ActiveDirectorySettingsSchema.safeParse({ ...base, resetGroups: [] }).success).toBe(false);
  });

  it('builds escaped lookup filters for the configured names only', () => {
    const settings = ActiveDirectorySettingsSchema.parse({
      ...base, netbiosNames: ['CONTOSO'], upnSuffixes: ['contoso.example'],
    });
    const connection = new LdapConnection({ ...settings.connection, bindPassword: 'unused' });
    const lookup = new AdLookup(connection, settings);
    expect(lookup.clauseFor('CONTOSO\\Adele')).toBe('(sAMAccountName=adele)');
    expect(lookup.clauseFor('adele@contoso.example'))
      .toBe('(|(userPrincipalName=adele@contoso.example)(mail=adele@contoso.example))');
    expect(lookup.clauseFor('adele@other.example')).toBe('(mail=adele@other.example)');
    expect(lookup.clauseFor('*)(uid=*')).toBe('(sAMAccountName=\\2a\\29\\28uid=\\2a)');
    expect(lookup.clauseFor('OTHER\\adele')).toBeNull();
    expect(lookup.clauseFor('a\u0000')).toBeNull();
  });
});
