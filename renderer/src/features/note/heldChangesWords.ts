import { ApiError, messageOf } from '../../data/api';
import type { StashedSaveResult } from './saveStashedDrafts';

const notes = (count: number): string => (count === 1 ? '1 note has' : `${count} notes have`);
const changes = (count: number): string => (count === 1 ? '1 change' : `${count} changes`);

/** The workspace banner's sentence while `count` notes have changes only this window holds. */
export function heldBannerText(count: number): string {
  return `${notes(count)} changes that could not be saved. They are kept in this window only until saved: do not close Attune before they are.`;
}

/** What a failed retry means for the user: what happened and what to do. */
function meaningOf(error: unknown): string {
  if (error instanceof ApiError && error.kind === 'conflict') {
    return 'A newer version was saved since the change was made: open the note to choose which to keep.';
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
