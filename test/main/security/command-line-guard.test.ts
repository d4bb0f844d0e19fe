import { describe, expect, it } from 'vitest';
import { findForbiddenNodeOption, findForbiddenSwitch } from '../../../src-main/security/command-line-guard';

const exe = 'C:\\Program Files\\ResetDesk\\ResetDesk.exe';

describe('command-line guard', () => {
  it('accepts a clean command line', () => {
    expect(findForbiddenSwitch([exe], 'win32')).toBeNull();
    expect(findForbiddenSwitch([exe, '--lang=nl', '--no-sandbox-not-really', 'C:/inspect/file.txt'], 'win32')).toBeNull();
    expect(findForbiddenSwitch(['/usr/bin/resetdesk', '/inspect'], 'linux')).toBeNull();
  });

  it.each([
    ['--remote-debugging-port=9222', '--remote-debugging-port'],
    ['--remote-debugging-pipe', '--remote-debugging-pipe'],
    ['--inspect', '--inspect'],
    ['--inspect=0.0.0.0:9229', '--inspect'],
    ['--inspect-brk=9229', '--inspect-brk'],
    ['--inspect-port=9229', '--inspect-port'],
    ['--js-flags=--expose-gc', '--js-flags'],
    ['--remote-allow-origins=*', '--remote-allow-origins'],
    ['--REMOTE-DEBUGGING-PORT=9222', '--REMOTE-DEBUGGING-PORT'],
    // Issue 9 item 13: the sandbox, the same-origin policy, certificate checks and the route traffic takes.
    ['--no-sandbox', '--no-sandbox'],
    ['--No-Sandbox', '--No-Sandbox'],
    ['--disable-web-security', '--disable-web-security'],
    ['--disable-site-isolation-trials', '--disable-site-isolation-trials'],
    ['--disable-gpu-sandbox', '--disable-gpu-sandbox'],
    ['--single-process', '--single-process'],
    ['--ignore-certificate-errors', '--ignore-certificate-errors'],
    ['--allow-running-insecure-content', '--allow-running-insecure-content'],
    ['--proxy-server=http://10.0.0.1:8080', '--proxy-server'],
    ['--host-resolver-rules=MAP * 10.0.0.1', '--host-resolver-rules'],
    ['--inspect-publish-uid=http', '--inspect-publish-uid'],
  ])('refuses %s', (arg, reported) => {
    expect(findForbiddenSwitch([exe, arg], 'linux')).toBe(reported);
  });

  it('knows the Windows switch prefixes - and /', () => {
    expect(findForbiddenSwitch([exe, '-remote-debugging-port=9222'], 'win32')).toBe('-remote-debugging-port');
    expect(findForbiddenSwitch([exe, '/inspect'], 'win32')).toBe('/inspect');
    expect(findForbiddenSwitch([exe, '/no-sandbox'], 'win32')).toBe('/no-sandbox');
    expect(findForbiddenSwitch([exe, '-disable-web-security'], 'win32')).toBe('-disable-web-security');
  });

  it('checks NODE_OPTIONS for the new switches too', () => {
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--inspect-brk' }, 'linux')).toBe('--inspect-brk');
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--js-flags=--allow-natives-syntax' }, 'linux')).toBe('--js-flags');
  });

  it('checks NODE_OPTIONS too', () => {
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--max-old-space-size=512 --inspect=9229' }, 'linux')).toBe('--inspect');
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--max-old-space-size=512' }, 'linux')).toBeNull();
    expect(findForbiddenNodeOption({}, 'linux')).toBeNull();
  });
});
