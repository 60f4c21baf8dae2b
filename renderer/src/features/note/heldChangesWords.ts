import { ApiError, messageOf } from '../../data/api';
import type { StashedSaveResult } from './saveStashedDrafts';

const counted = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
const changes = (count: number): string => (count === 1 ? '1 change' : `${count} changes`);

/** The workspace banner's sentence while `notes` notes and `plans` plans have changes only this window holds. */
export function heldBannerText(notes: number, plans = 0): string {
  const what = [
    notes > 0 ? counted(notes, 'note', 'notes') : '',
    plans > 0 ? counted(plans, 'treatment plan', 'treatment plans') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const have = notes + plans === 1 ? 'has' : 'have';
  return `${what} ${have} changes that could not be saved. They are kept in this window only until saved: do not close Attune before they are.`;
}

/** What a failed retry means for the user: what happened and what to do. */
function meaningOf(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'conflict') {
    return 'A newer version was saved since the change was made: open it (the note, or the client’s treatment plan) to choose which to keep.';
  }
  if (error instanceof ApiError && error.kind === 'locked') {
    return 'The vault is locked: the changes are saved after you unlock.';
  }
  // Main's messages say what happened and what to do ("The disk is full… Free some space…").
  return messageOf(error);
}

/** The words announced after "Try saving again": how many were saved, how many still wait, and why. */
export function retryOutcomeText({ saved, failures }: StashedSaveResult): string {
  if (failures.length === 0) {
    return saved === 0
      ? 'Nothing was waiting to be saved.'
      : `Saved ${changes(saved)}. Nothing is waiting any more.`;
  }
  const reasons = [...new Set(failures.map(meaningOf))].join(' ');
  const savedPart = saved === 0 ? '' : `Saved ${changes(saved)}; `;
  return `${savedPart}${changes(failures.length)} still could not be saved. ${reasons} They stay kept in this window until saved.`;
}
