import { describe, expect, it } from 'vitest';
import { countsText } from '../../../shared/countsText';

/**
 * Settings' export and import say what a file holds. Measures were never said (an outside probe:
 * "Exported 1 client, 1 session, 1 note, 0 process notes, 1 template" of a file holding a GAD-7),
 * though main counted them.
 */
describe('countsText', () => {
  const base = { clients: 1, sessions: 2, notes: 2, processNotes: 0, templates: 3 };

  it('names the measures a file holds', () => {
    expect(countsText({ ...base, measures: 4 })).toBe(
      '1 client, 2 sessions, 2 notes, 0 process notes, 4 measures, 3 templates',
    );
    expect(countsText({ ...base, measures: 1, treatmentPlans: 2, diagnoses: 1, safetyPlans: 1 })).toBe(
      '1 client, 2 sessions, 2 notes, 0 process notes, 1 measure, 2 treatment plan versions, 1 diagnosis, 1 safety plan, 3 templates',
    );
  });

  it('leaves out the kinds a file has none of, rather than "0 measures"', () => {
    expect(countsText({ ...base, measures: 0 })).toBe(
      '1 client, 2 sessions, 2 notes, 0 process notes, 3 templates',
    );
    expect(countsText(base)).toBe('1 client, 2 sessions, 2 notes, 0 process notes, 3 templates');
  });

  it('leaves process notes unsaid when they were not asked for (an export without them), not "0 process notes"', () => {
    expect(countsText({ ...base, processNotes: undefined, measures: 2 })).toBe(
      '1 client, 2 sessions, 2 notes, 2 measures, 3 templates',
    );
  });
});
