import { allDates, type RangeInput } from './dateRangeInput';

/** What the caseload page was left showing: its date range, the month listed, the note opened from it. */
export interface CaseloadView {
  range: RangeInput;
  month: string | null;
  /** The note last opened from the month's list: its date takes focus when the page comes back. */
  openedNote: string | null;
}

// Kept outside the page, as a client's tab is (clientTab.ts): opening a note replaces the page,
// and coming back must show the range and month the clinician was reading, not start over.
// Dates and a month are not client data, so a lock need not clear them.
let kept: CaseloadView = { range: allDates, month: null, openedNote: null };

export const caseloadView = {
  get(): CaseloadView {
    return kept;
  },
  keep(change: Partial<CaseloadView>): void {
    kept = { ...kept, ...change };
  },
};
