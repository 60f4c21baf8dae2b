/**
 * Flags on a measure, shown beside it, on the charts and on Today: the risk item answered above 0
 * (PHQ-9 item 9), a reliable deterioration since the previous administration of the same
 * instrument, a total in the clinical range, and (outcome rating) an item low.
 */
import type { InstrumentId } from './instrument';
import { instrumentsById } from './instruments';
import { isValidAnswer, type MeasureAnswers } from './measureSchema';
import { classifyChange } from './reliableChange';
import { scoreMeasure } from './scoreMeasure';

/** One flag; `message` says what happened in plain words. */
export type MeasureFlag =
  | { kind: 'risk-item'; itemId: string; message: string }
  | { kind: 'reliable-deterioration'; change: number; message: string }
  | { kind: 'clinical-range'; message: string }
  | { kind: 'item-low'; itemId: string; message: string };

/** Flags urgent enough for Today: risk follow-up and reliable deterioration. */
export const urgentMeasureFlagKinds: readonly MeasureFlag['kind'][] = ['risk-item', 'reliable-deterioration'];

/**
 * An outcome-rating item is low below a quarter of the cut-off (6.25 of 10): the share of the
 * clinical line one of four equal items carries.
 */
const lowItemShare = 4;

/** The flags of one administration, given the previous one of the same instrument (if any). */
export function measureFlags(
  instrumentId: InstrumentId,
  answers: MeasureAnswers,
  previousAnswers?: MeasureAnswers | null,
): MeasureFlag[] {
  const instrument = instrumentsById[instrumentId];
  const score = scoreMeasure(instrumentId, answers);
  const flags: MeasureFlag[] = [];
  if (score.riskFlag && instrument.riskItemId) {
    const item = instrument.items.find((i) => i.id === instrument.riskItemId)!;
    flags.push({
      kind: 'risk-item',
      itemId: item.id,
      message: `${instrument.label} item ${instrument.items.indexOf(item) + 1} (${item.shortLabel.toLowerCase()}) was answered above “Not at all”: follow up on risk.`,
    });
  }
  if (score.total !== null && previousAnswers) {
    const before = scoreMeasure(instrumentId, previousAnswers).total;
    if (before !== null && classifyChange(instrument, before, score.total) === 'reliable-deterioration') {
      const change = Math.round((score.total - before) * 10) / 10;
      flags.push({
        kind: 'reliable-deterioration',
        change,
        message: `${instrument.label} total went from ${before} to ${score.total}: a reliable deterioration (${instrument.reliableChange} points or more).`,
      });
    }
  }
  if (score.clinical) {
    flags.push({
      kind: 'clinical-range',
      message:
        instrument.direction === 'higher-is-worse'
          ? `${instrument.label} total ${score.total} is at or above the clinical cut-off of ${instrument.clinicalCutoff}.`
          : `${instrument.label} total ${score.total} is below the clinical cut-off of ${instrument.clinicalCutoff}.`,
    });
  }
  if (instrument.direction === 'higher-is-better') {
    const low = instrument.clinicalCutoff / lowItemShare;
    for (const item of instrument.items) {
      const value = answers[item.id];
      // An answer that is not valid (being typed, or out of range) says nothing about the client.
      if (
        item.scored &&
        item.scale.kind === 'line' &&
        value != null &&
        isValidAnswer(item, value) &&
        value < low
      ) {
        flags.push({
          kind: 'item-low',
          itemId: item.id,
          message: `${instrument.label}: ${item.shortLabel.toLowerCase()} is low (${value} of ${item.scale.max}).`,
        });
      }
    }
  }
  return flags;
}
