import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  decidePermissionRequest,
  decideWindowOpen,
  isAllowedExternalUrl,
  isAllowedNavigation,
} from '../../../src-main/security/navigation-policy';
import {
  WIZARD_CONTENT_SECURITY_POLICY,
  WIZARD_CSP_DIRECTIVES,
} from '../../../src-main/security/content-security-policy';

describe('navigation policy', () => {
  it('allows only the app origin', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('resetdesk://app/assets/x.js')).toBe(true);
    expect(isAllowedNavigation('RESETDESK://APP/index.html')).toBe(true);
    for (const url of [
      'resetdesk://evil/index.html',
      'https://app/index.html',
      'https://contoso.com',
      'file:///C:/Windows/System32/cmd.exe',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      'about:blank',
      'not a url',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('never opens windows and never grants permissions', () => {
    expect(decideWindowOpen()).toEqual({ action: 'deny' });
    expect(decidePermissionRequest()).toBe(false);
  });

  it('allows external links only from the allow list, https and mailto only', () => {
    const allowList = ['https://help.contoso.com', 'https://contoso.com/support/reset', 'mailto:helpdesk@contoso.com'];
    expect(isAllowedExternalUrl('https://help.contoso.com/articles/1', allowList)).toBe(true);
    expect(isAllowedExternalUrl('https://contoso.com/support/reset', allowList)).toBe(true);
    expect(isAllowedExternalUrl('mailto:HelpDesk@contoso.com?subject=Reset', allowList)).toBe(true);

    expect(isAllowedExternalUrl('https://contoso.com/support/other', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://help.contoso.com.evil.example/', allowList)).toBe(false);
    expect(isAllowedExternalUrl('http://help.contoso.com/', allowList)).toBe(false);
    expect(isAllowedExternalUrl('https://user@help.contoso.com/', allowList)).toBe(false);
    expect(isAllowedExternalUrl('mailto:attacker@evil.example', allowList)).toBe(false);
    expect(isAllowedExternalUrl('file:///C:/Windows/explorer.exe', ['file:///C:/Windows/explorer.exe'])).toBe(false);
    expect(isAllowedExternalUrl('https://help.contoso.com/', [])).toBe(false);
  });
});

describe('content security policy', () => {
  it('is the locked-down wizard policy', () => {
    expect(WIZARD_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(WIZARD_CSP_DIRECTIVES['script-src']).not.toContain("'unsafe-inline'");
    expect(WIZARD_CSP_DIRECTIVES['script-src']).not.toContain("'unsafe-eval'");
  });
});
