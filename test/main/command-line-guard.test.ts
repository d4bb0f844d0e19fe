import { describe, expect, it } from 'vitest';
import { findForbiddenNodeOption, findForbiddenSwitch } from '../../src-main/security/command-line-guard';

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
  ])('refuses %s', (arg, reported) => {
    expect(findForbiddenSwitch([exe, arg], 'linux')).toBe(reported);
  });

  it('knows the Windows switch prefixes - and /', () => {
    expect(findForbiddenSwitch([exe, '-remote-debugging-port=9222'], 'win32')).toBe('-remote-debugging-port');
    expect(findForbiddenSwitch([exe, '/inspect'], 'win32')).toBe('/inspect');
  });

  it('checks NODE_OPTIONS too', () => {
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--max-old-space-size=512 --inspect=9229' }, 'linux')).toBe('--inspect');
    expect(findForbiddenNodeOption({ NODE_OPTIONS: '--max-old-space-size=512' }, 'linux')).toBeNull();
    expect(findForbiddenNodeOption({}, 'linux')).toBeNull();
  });
});
