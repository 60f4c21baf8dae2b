/** The registry of outcome measures: every instrument by id, in the order the app offers them. */
import { gad7 } from './gad7';
import type { Instrument, InstrumentId } from './instrument';
import { outcomeRating } from './outcomeRating';
import { phq9 } from './phq9';

/** Every instrument by id. */
export const instrumentsById: Readonly<Record<InstrumentId, Instrument>> = {
  outcome: outcomeRating,
  phq9,
  gad7,
};

/** The instruments in the order they are offered. */
export const instruments: readonly Instrument[] = [outcomeRating, phq9, gad7];

/** The instrument with this id. */
export function instrumentFor(id: InstrumentId): Instrument {
  return instrumentsById[id];
}
