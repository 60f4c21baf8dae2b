import { ApiError, messageOf } from '../../data/api';
import { formatDate, formatTime } from '../../format/dates';
import type { SaveStatus } from './Autosaver';
import { InvalidDraftError } from './noteDraft';

const saveKey = /Mac|iPhone|iPad/.test(navigator.userAgent) ? '⌘S' : 'Ctrl+S';

/** "Saved at 14:32" today, "Saved on 3 Mar 2025 at 14:32" otherwise. */
export function savedAtText(iso: string): string {
  const date = new Date(iso);
  const time = formatTime(date);
  if (date.toDateString() === new Date().toDateString()) return `Saved at ${time}`;
  return `Saved on ${formatDate(date)} at ${time}`;
}

/** What the save indicator says, including what to do when a save failed. */
export function saveStatusText(status: SaveStatus): string {
  switch (status.kind) {
    case 'saved':
      return savedAtText(status.at);
    case 'saving':
      return 'Saving…';
    case 'dirty':
      return 'Unsaved changes';
    case 'failed':
      return failureText(status.error);
  }
}

/** Where the text of a draft that failed validation is meanwhile, and when it will be saved. */
function keptText(error: InvalidDraftError): string {
  return error.kept
    ? 'What you typed is kept, encrypted, on this computer, and is saved once they are fixed.'
    : 'Your text is kept while Attune is open, and will be saved once they are fixed.';
}

function failureText(error: unknown): string {
  if (error instanceof InvalidDraftError) {
    return `${error.kept ? 'Not saved yet' : 'Not saved'}: some fields need attention (see the messages below). ${keptText(error)}`;
  }
  if (error instanceof ApiError && error.kind === 'locked') {
    return 'Not saved: the vault is locked. Your changes are kept and will be saved after you unlock.';
  }
  if (error instanceof ApiError && error.kind === 'read-only') {
    return `Not saved: ${error.message}`;
  }
  return `Not saved: ${messageOf(error)} Your text is kept; Attune will try again as you type, or press ${saveKey}.`;
}

/**
 * The save state for the note's sticky header, which must stay one line (a tall header hides the
 * field being fixed): `shown` on screen; `more`, the rest, is read out with it and shown in the
 * problems box above the note. A draft that failed validation is summed up as its problem count.
 */
export function headerSaveStatus(status: SaveStatus, problemCount: number): { shown: string; more: string } {
  if (status.kind !== 'failed' || !(status.error instanceof InvalidDraftError)) {
    return { shown: saveStatusText(status), more: '' };
  }
  const problems =
    problemCount === 0
      ? 'some fields need attention'
      : `${problemCount} problem${problemCount === 1 ? '' : 's'} to fix`;
  return {
    shown: `${status.error.kept ? 'Not saved yet' : 'Not saved'}: ${problems}.`,
    more: keptText(status.error),
  };
}

/** The save shortcut as shown to the user. */
export const saveShortcut = saveKey;
