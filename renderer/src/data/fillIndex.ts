import { parseJsonText } from '../../../shared/ipc/jsonText';
import { unpackNoteSummaries, unpackSessions } from '../../../shared/summaries/packedSummaries';
import { call } from './api';
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
  // Today's few records are asked for with the clients, so main answers them next; the caseload
  // is asked for once Today's part has arrived (after the plan reviews Today asks for as it
  // opens) and unpacked once Today is drawn: its answers, megabytes at 10,000 notes, would
  // otherwise cross and be unpacked before that frame.
  const clientsAnswer = call('index:clients');
  const todayAnswer = withToday ? call('index:today', { now: new Date().toISOString() }) : null;
  // Settled here if the clients fail first (the fill then stops): never an unhandled rejection.
  todayAnswer?.catch(() => undefined);
  const clients = await clientsAnswer;
  if (!summaryIndex.load({ clients }, generation)) return;
  let parts = 1;
  const report = () => onProgress({ fraction: parts / 3, clientsReady: true });
  report();
  const today = todayAnswer
    ? todayAnswer.then((text) => {
        const slice = parseJsonText(text);
        const today = {
          sessions: unpackSessions(slice.sessions),
          notes: unpackNoteSummaries(slice.notes),
          olderUnfinished: slice.olderUnfinished,
        };
        summaryIndex.load({ today }, generation);
      })
    : Promise.resolve();
  const todayIn = today.catch(() => undefined);
  const todayDrawn = withToday ? todayIn.then(afterNextFrame) : todayIn;
  // A part is asked for only while this fill is current: after a lock it would only fail.
  const ask = <T>(asking: () => Promise<T>) => (summaryIndex.isCurrent(generation) ? asking() : null);
  const notesAnswer = todayIn.then(() => ask(() => call('index:noteSummaries')));
  const sessions = todayIn.then(async () => {
    const text = await ask(() => call('index:sessions'));
    await todayDrawn;
    if (text && summaryIndex.load({ sessions: unpackSessions(parseJsonText(text)) }, generation)) parts += 1;
    report();
  });
  const notes = Promise.all([notesAnswer, todayDrawn]).then(([text]) => {
    if (text && summaryIndex.load({ notes: unpackNoteSummaries(parseJsonText(text)) }, generation))
      parts += 1;
    report();
  });
  // Measures are a few numbers each: one plain message, not counted in the progress.
  const measures = todayDrawn.then(async () => {
    const list = await ask(() => call('measures:all'));
    if (list) summaryIndex.load({ measures: list }, generation);
  });
  await Promise.all([today, sessions, notes, measures]);
}

/**
 * Resolves once the next frame is drawn (what was rendered before it is on screen), or after a
 * short wait where frames are not drawn (a hidden window), so a fill never waits on them.
 */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const fallback = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame !== 'function') return; // no frames here (tests): the wait alone
    requestAnimationFrame(() => {
      clearTimeout(fallback);
      // The frame is drawn after its rAF callbacks: the next task runs once it is.
      setTimeout(resolve, 0);
    });
  });
}

/** Drops every summary; called at lock so no plaintext stays in the renderer. */
export function clearIndex(): void {
  summaryIndex.clear();
}
