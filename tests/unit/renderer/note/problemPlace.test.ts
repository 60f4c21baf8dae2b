import { describe, expect, it } from 'vitest';
import { errorList, problemPlace } from '../../../../renderer/src/features/note/noteDraft';

describe('problems listed above the note say where they are', () => {
  const sections = [{ id: 'subjective', label: 'Subjective', prompt: '' }];

  it('names the part of the note of each field, as the editor heads it', () => {
    expect(problemPlace('ruptures.1.repairMinute', sections)).toBe('Rupture 2');
    expect(problemPlace('attunement.rhythmic.rating', sections)).toBe('Rhythmic attunement');
    expect(problemPlace('feedback.relationship', sections)).toBe('Session feedback');
    expect(problemPlace('sessionJudgments.overallResolution', sections)).toBe('Ruptures and repairs');
    expect(problemPlace('sections.subjective', sections)).toBe('Subjective');
    expect(problemPlace('goalProgress.0.progress', sections)).toBe('Treatment goals');
    expect(problemPlace('risk.level', sections)).toBe('Risk assessment');
    // A path it does not know is left to the message.
    expect(problemPlace('somethingElse', sections)).toBeNull();
  });

  it('leads each message with its place, once per place and message', () => {
    const minute = 'Enter the minute as a whole number from 0 to 600.';
    const list = errorList(
      { 'ruptures.0.minute': minute, 'ruptures.2.minute': minute, 'ruptures.2.repairMinute': minute },
      (path) => problemPlace(path, sections),
    );
    expect(list).toEqual([`Rupture 1: ${minute}`, `Rupture 3: ${minute}`]);
    // Without a place, the messages alone (the plan editor's list).
    expect(errorList({ a: 'One.', b: 'One.' })).toEqual(['One.']);
  });
});
