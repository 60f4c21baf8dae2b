/**
 * User Timing marks of a search's way through the renderer, seen in DevTools' Performance panel
 * and read by the UI benchmark (tests/bench) to say how much of a search's time is main and the
 * transport (asked → answered) and how much the renderer (answered → results on screen).
 * Each mark replaces the last one of its name, so a long session keeps one of each.
 */
export const searchMarks = {
  /** The query was sent to main. */
  asked: 'attune:search:asked',
  /** Main's answer reached the renderer (before it is parsed). */
  answered: 'attune:search:answered',
  /** React committed the results to the DOM. */
  committed: 'attune:search:committed',
} as const;

export function markSearch(stage: keyof typeof searchMarks): void {
  const name = searchMarks[stage];
  performance.clearMarks(name);
  performance.mark(name);
}
