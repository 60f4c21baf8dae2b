/**
 * PHQ-9 (Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606–613). The wording is in the
 * public domain (Pfizer; phqscreeners.com: "no permission required to reproduce, translate,
 * display or distribute"). Nine items 0–3, total 0–27, higher is worse. Severity bands 5/10/15/20
 * (minimal, mild, moderate, moderately severe, severe; Kroenke et al. 2001); clinical cut-off 10
 * (ibid., sensitivity and specificity 88%); reliable change 6 points (McMillan, Gilbody & Richards
 * 2010, J Affect Disord 127:122–129; the threshold NHS Talking Therapies uses). Item 9 (thoughts
 * of being better off dead or of self-harm) answered above 0 needs risk follow-up, whatever the
 * total. The tenth question (difficulty) is asked but not scored.
 */
import type { AnswerChoice, Instrument, MeasureItem } from './instrument';

/** The four frequency answers shared by PHQ-9 and GAD-7. */
export const frequencyChoices: readonly AnswerChoice[] = [
  { value: 0, label: 'Not at all' },
  { value: 1, label: 'Several days' },
  { value: 2, label: 'More than half the days' },
  { value: 3, label: 'Nearly every day' },
];

const frequency = { kind: 'choices', choices: frequencyChoices } as const;

const item = (n: number, text: string, shortLabel: string): MeasureItem => ({
  id: `q${n}`,
  text,
  shortLabel,
  scored: true,
  scale: frequency,
});

/** The PHQ-9 item whose answer above 0 is flagged for risk follow-up. */
export const PHQ9_RISK_ITEM_ID = 'q9';

/** PHQ-9. */
export const phq9: Instrument = {
  id: 'phq9',
  label: 'PHQ-9',
  shortLabel: 'PHQ-9',
  instructions: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
  source:
    'Patient Health Questionnaire-9 (Kroenke, Spitzer & Williams 2001), public domain; bands 5/10/15/20, cut-off 10, reliable change 6 points (McMillan et al. 2010).',
  items: [
    item(1, 'Little interest or pleasure in doing things', 'Little interest or pleasure'),
    item(2, 'Feeling down, depressed, or hopeless', 'Feeling down'),
    item(3, 'Trouble falling or staying asleep, or sleeping too much', 'Sleep'),
    item(4, 'Feeling tired or having little energy', 'Tired, little energy'),
    item(5, 'Poor appetite or overeating', 'Appetite'),
    item(
      6,
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
      'Feeling bad about yourself',
    ),
    item(
      7,
      'Trouble concentrating on things, such as reading the newspaper or watching television',
      'Concentration',
    ),
    item(
      8,
      'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
      'Slowed down or restless',
    ),
    item(
      9,
      'Thoughts that you would be better off dead or of hurting yourself in some way',
      'Thoughts of death or self-harm',
    ),
    {
      id: 'difficulty',
      text: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
      shortLabel: 'Difficulty',
      scored: false,
      scale: {
        kind: 'choices',
        choices: [
          { value: 0, label: 'Not difficult at all' },
          { value: 1, label: 'Somewhat difficult' },
          { value: 2, label: 'Very difficult' },
          { value: 3, label: 'Extremely difficult' },
        ],
      },
    },
  ],
  totalMax: 27,
  direction: 'higher-is-worse',
  clinicalCutoff: 10,
  reliableChange: 6,
  bands: [
    { id: 'minimal', label: 'Minimal', min: 0, max: 4 },
    { id: 'mild', label: 'Mild', min: 5, max: 9 },
    { id: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { id: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 },
    { id: 'severe', label: 'Severe', min: 20, max: 27 },
  ],
  riskItemId: PHQ9_RISK_ITEM_ID,
};
