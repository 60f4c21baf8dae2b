import { describe, expect, it } from 'vitest';
import { isFocusModeShortcut } from '../../../../renderer/src/features/note/focusMode';

const key = (k: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean } = {}) => ({
  key: k,
  ctrlKey: mods.ctrl ?? false,
  metaKey: mods.meta ?? false,
  shiftKey: mods.shift ?? false,
  altKey: mods.alt ?? false,
});

describe('isFocusModeShortcut', () => {
  it('is Ctrl+Shift+F, or Cmd+Shift+F on a Mac', () => {
    expect(isFocusModeShortcut(key('F', { ctrl: true, shift: true }))).toBe(true);
    expect(isFocusModeShortcut(key('f', { meta: true, shift: true }))).toBe(true);
  });

  it('is not Ctrl+F (search), nor with Alt, nor Shift+F alone', () => {
    expect(isFocusModeShortcut(key('f', { ctrl: true }))).toBe(false);
    expect(isFocusModeShortcut(key('F', { ctrl: true, shift: true, alt: true }))).toBe(false);
    expect(isFocusModeShortcut(key('F', { shift: true }))).toBe(false);
  });
});
