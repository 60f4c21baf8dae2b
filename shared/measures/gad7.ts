/**
 * GAD-7 (Spitzer, Kroenke, Williams & Löwe 2006, Arch Intern Med 166:1092–1097). The wording is in
 * the public domain (Pfizer; phqscreeners.com). Seven items 0–3, total 0–21, higher is worse.
 * Severity bands 5/10/15 (minimal, mild, moderate, severe; Spitzer et al. 2006); clinical cut-off
 * 10 (ibid., sensitivity 89%, specificity 82%); reliable change 4 points (the NHS Talking
 * Therapies threshold, from the GAD-7's test–retest reliability by Jacobson & Truax's RCI).
 */
import type { Instrument, MeasureItem } from './instrument';
import { frequencyChoices } from './phq9';

const item = (n: number, text: string, shortLabel: string): MeasureItem => ({
  id: `q${n}`,
  text,
  shortLabel,
  scored: true,
  scale: { kind: 'choices', choices: frequencyChoices },
});

/** GAD-7. */
export const gad7: Instrument = {
  id: 'gad7',
  label: 'GAD-7',
  shortLabel: 'GAD-7',
  instructions: 'Over the last 2 weeks, how often have you been bothered by the following problems?',
  source:
    'Generalized Anxiety Disorder-7 (Spitzer et al. 2006), public domain; bands 5/10/15, cut-off 10, reliable change 4 points.',
  items: [
    item(1, 'Feeling nervous, anxious, or on edge', 'Nervous, anxious'),
    item(2, 'Not being able to stop or control worrying', 'Cannot stop worrying'),
    item(3, 'Worrying too much about different things', 'Worrying too much'),
    item(4, 'Trouble relaxing', 'Trouble relaxing'),
    item(5, "Being so restless that it's hard to sit still", 'Restless'),
    item(6, 'Becoming easily annoyed or irritable', 'Irritable'),
    item(7, 'Feeling afraid as if something awful might happen', 'Afraid'),
  ],
  totalMax: 21,
  direction: 'higher-is-worse',
  clinicalCutoff: 10,
  reliableChange: 4,
  bands: [
    { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { id: 'mild', label: 'Mild', min: 5, max: 9 },
    { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { id: 'severe', label: 'Severe', min: 15, max: 21 },
  ],
};
