/**
 * "Outcome rating": an outcome scale compatible with the Outcome Rating Scale (Miller, Duncan,
 * Brown, Sparks & Claud 2003, J Brief Therapy 2(2):91–100), in Attune's own words. Four 0–10
 * lines (individually, interpersonally, socially, overall), total 0–40, higher is better.
 * Norms from that paper and Duncan (2012, "The Partners for Change Outcome Management System"):
 * adult clinical cut-off 25 (a total below 25 is in the clinical range); a change of 5 points or
 * more is reliable (Jacobson & Truax RCI from the ORS's test–retest reliability).
 * The product name "ORS" is a trademark, so the app calls this "Outcome rating".
 */
import type { Instrument } from './instrument';

const line = { kind: 'line', min: 0, max: 10, step: 0.1, lowLabel: 'Low', highLabel: 'High' } as const;

/** The outcome rating (ORS-compatible). */
export const outcomeRating: Instrument = {
  id: 'outcome',
  label: 'Outcome rating',
  shortLabel: 'Outcome',
  instructions:
    'Looking back over the last week, including today, how have you been doing in each of these areas of your life? 0 is low, 10 is high.',
  source:
    'Outcome scale compatible with the Outcome Rating Scale (Miller et al. 2003); cut-off 25, reliable change 5 points.',
  items: [
    {
      id: 'individually',
      text: 'Individually: your personal well-being',
      shortLabel: 'Individually',
      scored: true,
      scale: line,
    },
    {
      id: 'interpersonally',
      text: 'Interpersonally: family and close relationships',
      shortLabel: 'Interpersonally',
      scored: true,
      scale: line,
    },
    {
      id: 'socially',
      text: 'Socially: work, school and friendships',
      shortLabel: 'Socially',
      scored: true,
      scale: line,
    },
    {
      id: 'overall',
      text: 'Overall: your general sense of well-being',
      shortLabel: 'Overall',
      scored: true,
      scale: line,
    },
  ],
  totalMax: 40,
  direction: 'higher-is-better',
  clinicalCutoff: 25,
  reliableChange: 5,
  bands: [
    { id: 'clinical', label: 'Clinical range', min: 0, max: 24.9 },
    { id: 'non-clinical', label: 'Non-clinical range', min: 25, max: 40 },
  ],
};
