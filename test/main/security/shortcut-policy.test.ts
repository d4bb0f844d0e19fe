import { describe, expect, it } from 'vitest';
import { isBlockedShortcut } from '../../../src-main/security/shortcut-policy';
import type { KeyInput } from '../../../src-main/security/shortcut-policy';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown',
  key: k,
  control: false,
  meta: false,
  alt: false,
  shift: false,
  ...mods,
});

describe('shortcut policy', () => {
  it('swallows reload, DevTools, zoom and history shortcuts', () => {
    for (const input of [
      key('F5'),
      key('r', { control: true }),
      key('R', { meta: true, shift: true }),
      key('F12'),
      key('I', { control: true, shift: true }),
      key('i', { meta: true, alt: true }),
      key('+', { control: true }),
      key('-', { meta: true }),
      key('0', { control: true }),
      key('p', { control: true }),
      key('u', { control: true }),
      key('ArrowLeft', { alt: true }),
    ]) {
      expect(isBlockedShortcut(input, false), JSON.stringify(input)).toBe(true);
    }
  });

  it('lets typing, Tab and the editing shortcuts through', () => {
    for (const input of [
      key('a'),
      key('Tab'),
      key('Tab', { shift: true }),
      key('Enter'),
      key('a', { control: true }),
      key('c', { control: true }),
      key('v', { meta: true }),
      key('x', { control: true }),
      key('z', { control: true }),
      key('Backspace'),
    ]) {
      expect(isBlockedShortcut(input, true), JSON.stringify(input)).toBe(false);
    }
    expect(isBlockedShortcut({ ...key('F5'), type: 'keyUp' }, true)).toBe(false);
  });

  it('keeps close and quit for a desktop window, but not in a kiosk', () => {
    expect(isBlockedShortcut(key('w', { control: true }), false)).toBe(false);
    expect(isBlockedShortcut(key('q', { meta: true }), false)).toBe(false);
    expect(isBlockedShortcut(key('w', { control: true }), true)).toBe(true);
    expect(isBlockedShortcut(key('F4', { alt: true }), true)).toBe(true);
  });
});
