import { EventEmitter } from 'node:events';
import { describe, expect, test, vi } from 'vitest';
import {
  leavesAnyway,
  unsavedChangesDialog,
  wireUnsavedChangesDialog,
} from '../../../main/app/unsavedChangesDialog';

describe('the dialog before closing with changes only the window holds', () => {
  test('says what is at stake and what to do; Stay is the default and what Escape answers', () => {
    expect(unsavedChangesDialog.message).toBe('Some changes could not be saved.');
    expect(unsavedChangesDialog.detail).toContain('closing it loses them');
    expect(unsavedChangesDialog.detail).toContain('Try saving again');
    const stay = unsavedChangesDialog.buttons.indexOf('Stay');
    expect(unsavedChangesDialog.defaultId).toBe(stay);
    expect(unsavedChangesDialog.cancelId).toBe(stay);
  });

  test('only "Quit anyway and lose them" lets the window close', () => {
    const quit = unsavedChangesDialog.buttons.indexOf('Quit anyway and lose them');
    expect(quit).toBeGreaterThanOrEqual(0);
    expect(leavesAnyway(quit)).toBe(true);
    expect(leavesAnyway(unsavedChangesDialog.buttons.indexOf('Stay'))).toBe(false);
    // A dialog closed some other way (an index out of range) keeps the window.
    expect(leavesAnyway(-1)).toBe(false);
    expect(leavesAnyway(7)).toBe(false);
  });

  test('a refused unload is let through only when the user chose to lose the changes', () => {
    const contents = new EventEmitter();
    const answers = [0, 1];
    const ask = vi.fn(() => answers.shift() ?? 0);
    wireUnsavedChangesDialog(contents, ask);
    const first = { preventDefault: vi.fn() };
    contents.emit('will-prevent-unload', first);
    expect(ask).toHaveBeenCalledWith(unsavedChangesDialog);
    expect(first.preventDefault).not.toHaveBeenCalled();
    const second = { preventDefault: vi.fn() };
    contents.emit('will-prevent-unload', second);
    expect(second.preventDefault).toHaveBeenCalledOnce();
  });
});
