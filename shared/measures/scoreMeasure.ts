/** Scoring of one administered measure: total, band, clinical range and risk item. */
import type { Instrument, InstrumentId, SeverityBand } from './instrument';
import { instrumentsById } from './instruments';
import { allScoredItemsAnswered, isValidAnswer, type MeasureAnswers } from './measureSchema';

/** The score of one administration. */
export interface MeasureScore {
  instrument: InstrumentId;
  /** The total of the scored items, or null unless every scored item holds a valid answer. */
  total: number | null;
  /** How many scored items hold valid answers, and how many there are. */
  answered: number;
  scoredItems: number;
  /** How many scored items hold an answer that is not valid (out of range, too many decimals). */
  invalid: number;
  band: SeverityBand | null;
  /** Whether the total is in the clinical range (null without a total). */
  clinical: boolean | null;
  /** Whether the risk item (PHQ-9 item 9) is answered above 0; false for instruments without one. */
  riskFlag: boolean;
}

/** The band a total falls in: the last band whose minimum it reaches (bands are in order). */
export function bandFor(instrument: Instrument, total: number): SeverityBand {
  let found = instrument.bands[0]!;
  for (const band of instrument.bands) if (total >= band.min) found = band;
  return found;
}

/** Whether a total is in the instrument's clinical range. */
export function isClinical(instrument: Instrument, total: number): boolean {
  return instrument.direction === 'higher-is-worse'
    ? total >= instrument.clinicalCutoff
    : total < instrument.clinicalCutoff;
}

/**
 * Scores answers to an instrument. A partial form has no total: a partial sum would read as a
 * better (PHQ-9) or worse (outcome rating) score than the client gave. The risk item is flagged
 * even on a partial form: an answered item 9 needs follow-up whatever else is missing.
 */
export function scoreMeasure(instrumentId: InstrumentId, answers: MeasureAnswers): MeasureScore {
  const instrument = instrumentsById[instrumentId];
  const scored = instrument.items.filter((item) => item.scored);
  const valid = scored.filter((item) => {
    const value = answers[item.id];
    return value != null && isValidAnswer(item, value);
  });
  const answered = scored.filter((item) => answers[item.id] != null);
  // A form being typed may hold an out-of-range answer: no total until it is corrected.
  const scorable = allScoredItemsAnswered(instrumentId, answers) && valid.length === answered.length;
  const sum = valid.reduce((acc, item) => acc + (answers[item.id] ?? 0), 0);
  const total = scorable ? Math.round(sum * 10) / 10 : null;
  const riskId = instrument.riskItemId;
  const riskAnswer = riskId ? answers[riskId] : null;
  return {
    instrument: instrumentId,
    total,
    answered: valid.length,
    scoredItems: scored.length,
    invalid: answered.length - valid.length,
    band: total === null ? null : bandFor(instrument, total),
    clinical: total === null ? null : isClinical(instrument, total),
    riskFlag: riskAnswer != null && riskAnswer > 0,
  };
}
