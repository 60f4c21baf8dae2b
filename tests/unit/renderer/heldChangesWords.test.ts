import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/src/data/api';
import { heldBannerText, retryOutcomeText } from '../../../renderer/src/features/note/heldChangesWords';

const diskFull = new ApiError(
  'io',
  'The disk is full, so this change was not saved. Free some space and try again; what was saved before is unchanged.',
);

describe('the words of the banner for changes kept in this window only', () => {
  it('counts the notes and says the changes live only in this window', () => {
    expect(heldBannerText(1)).toMatch(
      /^1 note has changes that could not be saved\. They are kept in this window only/,
    );
    expect(heldBannerText(2)).toMatch(/^2 notes have changes that could not be saved\./);
    expect(heldBannerText(0, 1)).toMatch(/^1 treatment plan has changes that could not be saved\./);
    expect(heldBannerText(2, 1)).toMatch(
      /^2 notes and 1 treatment plan have changes that could not be saved\./,
    );
  });

  it('after a retry: how many were saved, and that nothing waits any more', () => {
    expect(retryOutcomeText({ saved: 2, failures: [] })).toBe(
      'Saved 2 changes. Nothing is waiting any more.',
    );
    expect(retryOutcomeText({ saved: 1, failures: [] })).toBe('Saved 1 change. Nothing is waiting any more.');
  });

  it('a retry that failed says how many still wait, what happened and what to do, once per reason', () => {
    const text = retryOutcomeText({ saved: 1, failures: [diskFull, diskFull] });
    expect(text).toMatch(/^Saved 1 change; 2 changes still could not be saved\. The disk is full/);
    expect(text.match(/The disk is full/g)).toHaveLength(1);
    expect(text).toContain('Free some space');
    expect(text).toMatch(/They stay kept in this window until saved\.$/);
  });

  it('a newer version saved meanwhile sends the user to the note to choose', () => {
    const text = retryOutcomeText({ saved: 0, failures: [new ApiError('conflict', 'Changed elsewhere.')] });
    expect(text).toMatch(/^1 change still could not be saved\. A newer version was saved/);
    expect(text).toContain('open it (the note, or the client’s treatment plan) to choose');
  });
});
