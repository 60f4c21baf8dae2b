import { describe, expect, it } from 'vitest';
import { describeIssues } from '../../../shared/errors';
import { measureSaveInput } from '../../../shared/ipc/contracts/measureContract';
import {
  emptyAnswers,
  instruments,
  type Measure,
  measureSchema,
  measureStatusOf,
  phq9,
} from '../../../shared/measures';

const at = '2026-03-02T10:00:00.000Z';

function record(overrides: Partial<Measure> = {}): Measure {
  return {
    id: 'm1',
    clientId: 'c1',
    sessionId: 's1',
    instrument: 'gad7',
    answers: { q1: 1, q2: 2, q3: 0, q4: 3, q5: 1, q6: 0, q7: 2 },
    status: 'complete',
    administeredAt: at,
    enteredBy: 'therapist',
    updatedAt: at,
    ...overrides,
  };
}

const problems = (value: unknown) => {
  const parsed = measureSchema.safeParse(value);
  return parsed.success ? '' : describeIssues(parsed.error.issues);
};

describe('measure record schema', () => {
  it('accepts a complete record, and a partial one kept on purpose', () => {
    expect(measureSchema.parse(record())).toEqual(record());
    const partial = record({ answers: { ...record().answers, q4: null }, status: 'partial' });
    expect(measureSchema.safeParse(partial).success).toBe(true);
  });

  it('accepts a PHQ-9 whose unscored difficulty question is blank as complete', () => {
    const answers = {
      ...emptyAnswers('phq9'),
      q1: 0,
      q2: 0,
      q3: 1,
      q4: 1,
      q5: 0,
      q6: 0,
      q7: 0,
      q8: 0,
      q9: 0,
    };
    expect(measureSchema.safeParse(record({ instrument: 'phq9', answers })).success).toBe(true);
  });

  it('refuses blank items marked complete, a partial mark on a full form, and says what to do', () => {
    expect(problems(record({ answers: { ...record().answers, q4: null } }))).toContain(
      'Answer every GAD-7 item, or keep it as partly answered',
    );
    expect(problems(record({ status: 'partial' }))).toContain('save it as complete');
  });

  it('refuses answers off the scale, missing and unknown items, and unknown instruments', () => {
    expect(problems(record({ answers: { ...record().answers, q2: 4 } }))).toContain(
      'GAD-7 item 2 takes one of 0, 1, 2, 3',
    );
    expect(problems(record({ answers: { ...record().answers, q2: 1.5 } }))).toContain('item 2');
    const { q7: _dropped, ...missing } = record().answers;
    expect(problems(record({ answers: missing }))).toContain('GAD-7 item 7 is missing');
    expect(problems(record({ answers: { ...record().answers, q8: 1 } }))).toContain('no item "q8"');
    expect(problems({ ...record(), instrument: 'ors' })).toContain('Choose a measure');
    expect(problems({ ...record(), enteredBy: 'someone' })).toContain('therapist or the client');
  });

  it('takes outcome-rating answers in tenths from 0 to 10 only', () => {
    const outcome = (answers: Record<string, number | null>) =>
      record({
        instrument: 'outcome',
        answers: { individually: 5, interpersonally: 5, socially: 5, overall: 5, ...answers },
      });
    expect(measureSchema.safeParse(outcome({ overall: 7.3 })).success).toBe(true);
    expect(problems(outcome({ overall: 7.35 }))).toContain('a number from 0 to 10 (one decimal at most)');
    expect(problems(outcome({ overall: -1 }))).toContain('Outcome rating item 4');
  });

  it('every instrument has unique item ids, wording, and a cut-off inside its range', () => {
    for (const instrument of instruments) {
      const ids = instrument.items.map((i) => i.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of instrument.items) expect(item.text.length).toBeGreaterThan(5);
      expect(instrument.clinicalCutoff).toBeGreaterThan(0);
      expect(instrument.clinicalCutoff).toBeLessThan(instrument.totalMax);
    }
    expect(phq9.items.filter((i) => i.scored)).toHaveLength(9);
    expect(phq9.items.find((i) => i.id === phq9.riskItemId)!.text).toBe(
      'Thoughts that you would be better off dead or of hurting yourself in some way',
    );
  });
});

describe('measures:save input', () => {
  const input = { sessionId: 's1', instrument: 'gad7', answers: record().answers };
  it('refuses blank items unless allowPartial says the form is kept partly answered', () => {
    const blank = { ...input, answers: { ...input.answers, q1: null } };
    expect(measureSaveInput.safeParse(blank).success).toBe(false);
    expect(measureSaveInput.safeParse({ ...blank, allowPartial: true }).success).toBe(true);
    expect(measureSaveInput.safeParse({ ...input, allowPartial: true }).success).toBe(true);
    expect(measureSaveInput.safeParse({ ...input, clientId: 'c1' }).success).toBe(false);
  });
});

describe('measure status', () => {
  it('is partial only for a form with blank scored items kept so on purpose', () => {
    const full = record().answers;
    const blank = { ...full, q1: null };
    expect(measureStatusOf('gad7', blank, true)).toBe('partial');
    // Without the choice the save is checked as complete, and refused in words that offer it.
    expect(measureStatusOf('gad7', blank, undefined)).toBe('complete');
    expect(measureStatusOf('gad7', full, true)).toBe('complete');
    // PHQ-9's unscored difficulty question left blank does not make the form partial.
    const phq = {
      ...emptyAnswers('phq9'),
      ...Object.fromEntries(phq9.items.filter((i) => i.scored).map((i) => [i.id, 0])),
    };
    expect(measureStatusOf('phq9', phq, true)).toBe('complete');
  });
});
