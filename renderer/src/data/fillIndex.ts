import { parseJsonText } from '../../../shared/ipc/jsonText';
import { unpackNoteSummaries, unpackSessions } from '../../../shared/summaries/packedSummaries';
import { todayIso } from '../format/dates';
import { call } from './api';
import { askPlanReviewsEarly, forgetEarlyPlanReviews } from './plans';
import { summaryIndex } from './summaryIndex';

export interface FillProgress {
  /** 0…1 over the parts of the index (clients, sessions, note summaries). */
  fraction: number;
  /** Every client is in: the client list can be used while sessions and notes keep arriving. */
  clientsReady: boolean;
}

/**
 * Fills the index from main: the clients first, in one small message, so the client list is
 * usable at once; then Today's few sessions and notes (Today opens after unlock); then the sessions and the note summaries, each in one message of JSON text
 * of rows without field names (`shared/ipc/jsonText`, `shared/summaries/packedSummaries`), asked for
 * together so main prepares the second while the first crosses. A lock meanwhile (which clears
 * the index) makes the parts still on their way be dropped.
 */
export async function fillIndex(onProgress: (progress: FillProgress) => void): Promise<void> {
  await loadParts(summaryIndex.clear(), onProgress, true);
}

/**
 * Loads the index again while it is on screen, when another computer's changes have arrived
 * ('records:changed'): the lists keep what they show until the new parts replace it.
 */
export async function refillIndex(): Promise<void> {
  await loadParts(summaryIndex.refill(), () => undefined);
}

async function loadParts(
  generation: number,
  onProgress: (progress: FillProgress) => void,
  withToday = false,
): Promise<void> {
  const clients = await call('index:clients');
  if (!summaryIndex.load({ clients }, generation)) return;
  let parts = 1;
  const report = () => onProgress({ fraction: parts / 3, clientsReady: true });
  report();
  // Today's few records (and its plan reviews) are asked for first, so main answers them before
  // it packs the caseload; the caseload's parts wait until Today is drawn before they are
  // unpacked (a second of work at 10,000 notes that would otherwise come before that frame).
  const today = withToday
    ? call('index:today', { now: new Date().toISOString() }).then((text) => {
        const slice = parseJsonText(text);
        const today = {
          sessions: unpackSessions(slice.sessions),
          notes: unpackNoteSummaries(slice.notes),
          olderDrafts: slice.olderDrafts,
        };
        summaryIndex.load({ today }, generation);
      })
    : Promise.resolve();
  if (withToday) askPlanReviewsEarly(todayIso());
  const todayDrawn = today.then(afterNextFrame, afterNextFrame);
  const sessions = Promise.all([call('index:sessions'), todayDrawn]).then(([text]) => {
    if (summaryIndex.load({ sessions: unpackSessions(parseJsonText(text)) }, generation)) parts += 1;
    report();
  });
  const notes = Promise.all([call('index:noteSummaries'), todayDrawn]).then(([text]) => {
    if (summaryIndex.load({ notes: unpackNoteSummaries(parseJsonText(text)) }, generation)) parts += 1;
    report();
  });
  // Measures are a few numbers each: one plain message, not counted in the progress.
  const measures = call('measures:all').then((list) => {
    summaryIndex.load({ measures: list }, generation);
  });
  await Promise.all([today, sessions, notes, measures]);
}

/**
 * Resolves once the next frame is drawn (what was rendered before it is on screen), or after a
 * short wait where frames are not drawn (a hidden window), so a fill never waits on them.
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = window.setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      window.clearTimeout(fallback);
      // The frame is drawn after its rAF callbacks: the next task runs once it is.
      window.setTimeout(resolve, 0);
    });
  });
}

/** Drops every summary; called at lock so no plaintext stays in the renderer. */
export function clearIndex(): void {
  forgetEarlyPlanReviews();
  summaryIndex.clear();
}
