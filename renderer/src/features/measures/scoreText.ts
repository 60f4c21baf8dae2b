/** How a score reads in words, the same in the editor, the charts' tables and Today. */
import type { Instrument } from '../../../../shared/measures/instrument';
import type { MeasureScore } from '../../../../shared/measures/scoreMeasure';

/** "Total 12 of 27: moderate (clinical range)", or how many items are still to answer or not valid. */
export function scoreText(instrument: Instrument, score: MeasureScore): string {
  if (score.total === null) {
    const left = score.scoredItems - score.answered - score.invalid;
    const wrong = score.invalid === 1 ? '1 answer is not valid' : `${score.invalid} answers are not valid`;
    if (score.invalid > 0 && left > 0)
      return `Total —: ${wrong}, and ${left} of ${score.scoredItems} items are still to answer.`;
    if (score.invalid > 0)
      return `Total —: ${wrong}; correct ${score.invalid === 1 ? 'it' : 'them'} to see the total.`;
    return `Total —: ${left} of ${score.scoredItems} items still to answer.`;
  }
  const range = score.clinical ? 'clinical range' : 'below the clinical range';
  const band =
    instrument.direction === 'higher-is-better'
      ? score.clinical
        ? 'in the clinical range'
        : 'above the clinical cut-off'
      : `${score.band!.label.toLowerCase()} (${range})`;
  return `Total ${score.total} of ${instrument.totalMax}: ${band}.`;
}
