import { describe, expect, it, vi } from 'vitest';
import { InvalidDraftError } from '../../../../renderer/src/features/note/noteDraft';

// The module reads the platform's save shortcut from the user agent when it loads.
vi.stubGlobal('navigator', { userAgent: 'Linux' });
const { headerSaveStatus, saveStatusText } = await import(
  '../../../../renderer/src/features/note/saveStatusText'
);

describe('the note header’s save state stays one short line', () => {
  it('sums up a draft that failed validation as its problem count; the rest is said, not shown', () => {
    const kept = {
      kind: 'failed',
      error: new InvalidDraftError({ 'ruptures.0.repairMinute': 'x' }, true),
    } as const;
    expect(headerSaveStatus(kept, 2)).toEqual({
      shown: 'Not saved yet: 2 problems to fix.',
      more: 'What you typed is kept, encrypted, on this computer, and is saved once they are fixed.',
    });
    const inMemory = { kind: 'failed', error: new InvalidDraftError({}) } as const;
    expect(headerSaveStatus(inMemory, 1)).toEqual({
      shown: 'Not saved: 1 problem to fix.',
      more: 'Your text is kept while Attune is open, and will be saved once they are fixed.',
    });
    expect(headerSaveStatus(inMemory, 0).shown).toBe('Not saved: some fields need attention.');
    // The full text, which the plan editor shows, is as it was.
    expect(saveStatusText(kept)).toBe(
      'Not saved yet: some fields need attention (see the messages below). What you typed is kept, encrypted, on this computer, and is saved once they are fixed.',
    );
  });

  it('leaves any other state as it is', () => {
    expect(headerSaveStatus({ kind: 'saving' }, 0)).toEqual({ shown: 'Saving…', more: '' });
    const other = { kind: 'failed', error: new Error('Disk full.') } as const;
    expect(headerSaveStatus(other, 0)).toEqual({ shown: saveStatusText(other), more: '' });
  });
});
