/**
 * What every outcome measure is made of, as data: items with their answer scale, severity bands,
 * the clinical cut-off and the reliable-change threshold. Scoring (`scoreMeasure.ts`) reads only
 * this, so an instrument is added by writing one definition file and listing it in the registry.
 */

/** The instruments Attune ships. Stable ids: they are stored in measure records. */
export const instrumentIds = ['outcome', 'phq9', 'gad7'] as const;

/** An instrument id. */
export type InstrumentId = (typeof instrumentIds)[number];

/** One answer choice of an item with labelled choices (PHQ-9, GAD-7). */
export interface AnswerChoice {
  value: number;
  label: string;
}

/** How an item is answered: labelled choices, or a 0–max visual analogue line (tenths allowed). */
export type AnswerScale =
  | { kind: 'choices'; choices: readonly AnswerChoice[] }
  | { kind: 'line'; min: 0; max: number; step: number; lowLabel: string; highLabel: string };

/** One item of an instrument. */
export interface MeasureItem {
  /** Stable id, the key of its answer in a measure record. */
  id: string;
  /** The item as asked (the published wording where it is public domain). */
  text: string;
  /** A short name for tables, charts and flags ("Thoughts of self-harm"). */
  shortLabel: string;
  /** Whether the item counts in the total (PHQ-9's difficulty question does not). */
  scored: boolean;
  scale: AnswerScale;
}

/** A severity band: totals from `min` to `max` inclusive. */
export interface SeverityBand {
  id: string;
  label: string;
  min: number;
  max: number;
}

/** Which way is better. */
export type ScoreDirection = 'higher-is-better' | 'higher-is-worse';

/** An outcome measure as data. */
export interface Instrument {
  id: InstrumentId;
  /** The name shown in the app. */
  label: string;
  /** A short name for narrow places (chart legends, table headers). */
  shortLabel: string;
  /** What the client is asked first (the time frame of the questions). */
  instructions: string;
  /** Where the wording and norms come from (shown in the app's help and the README). */
  source: string;
  items: readonly MeasureItem[];
  /** The highest possible total. */
  totalMax: number;
  direction: ScoreDirection;
  /**
   * The clinical cut-off: for higher-is-worse a total at or above it is in the clinical range;
   * for higher-is-better a total below it is.
   */
  clinicalCutoff: number;
  /** The smallest change of the total that counts as reliable (published, in points). */
  reliableChange: number;
  /** Bands from lowest to highest total, covering 0…totalMax without gaps. */
  bands: readonly SeverityBand[];
  /** An item whose answer above 0 needs risk follow-up (PHQ-9 item 9), if any. */
  riskItemId?: string;
}
