import { describe, expect, it } from 'vitest';
import {
  confrontationMarkers,
  emotionFamilies,
  emotionFamilyIds,
  emotionsInFamily,
  emotionWord,
  emotionWords,
  extendRuptureVocabulary,
  feedbackItems,
  markersForType,
  normalizeEmotion,
  participationItemIds,
  participationItems,
  resolutionStrategies,
  ruptureMarkers,
  ruptureOutcome,
  ruptureOutcomes,
  ruptureTypes,
  withdrawalMarkers,
} from '../../../shared/domain';

function expectUniqueIds(list: readonly { id: string }[]) {
  const ids = list.map((e) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^[a-zA-Z][a-zA-Z0-9-]*$/);
}

describe('vocabularies', () => {
  it('has unique ids in every list', () => {
    for (const list of [
      ruptureTypes,
      ruptureMarkers,
      resolutionStrategies,
      ruptureOutcomes,
      participationItems,
      emotionFamilies,
      emotionWords,
      feedbackItems,
    ]) {
      expectUniqueIds(list);
    }
  });

  it('ships the 3RS-derived markers and strategies listed in the design', () => {
    expect(withdrawalMarkers).toHaveLength(7);
    expect(confrontationMarkers).toHaveLength(7);
    expect(resolutionStrategies).toHaveLength(9);
    for (const entry of [...ruptureMarkers, ...resolutionStrategies, ...ruptureTypes]) {
      expect(entry.label).not.toBe('');
      expect(entry.description).not.toBe('');
    }
  });

  it('filters markers by type', () => {
    expect(markersForType('withdrawal')).toEqual(withdrawalMarkers);
    expect(markersForType('confrontation').every((m) => m.type === 'confrontation')).toBe(true);
    expect(markersForType('confrontation').map((m) => m.id)).toContain('complaints-about-parameters');
  });

  it('weights outcomes for repair rates: resolved 1, partial 0.5, unresolved 0', () => {
    expect(ruptureOutcomes.map((o) => [o.id, o.label, o.repairCredit])).toEqual([
      ['resolved', 'Resolved', 1],
      ['partial', 'Partially resolved', 0.5],
      ['unresolved', 'Unresolved', 0],
    ]);
    expect(ruptureOutcome('partial').repairCredit).toBe(0.5);
  });

  it('extends the vocabulary with user entries and refuses an id already in use', () => {
    const extended = extendRuptureVocabulary({
      markers: [
        { id: 'over-talks', type: 'confrontation', label: 'Talks over the therapist', description: '' },
      ],
    });
    expect(markersForType('confrontation', extended).map((m) => m.id)).toContain('over-talks');
    expect(extended.strategies).toEqual(resolutionStrategies);
    expect(() =>
      extendRuptureVocabulary({ strategies: [{ id: 'redirect-refocus', label: 'Again', description: '' }] }),
    ).toThrow('The rupture strategy id "redirect-refocus" is already in use.');
  });

  it('has the four participation items in order', () => {
    expect(participationItems.map((p) => p.id)).toEqual([...participationItemIds]);
    expect(participationItems.find((p) => p.id === 'feedbackToTherapist')?.textField).toBe('quote');
  });

  it('groups about forty emotion words into families, each family non-empty', () => {
    expect(emotionWords.length).toBeGreaterThanOrEqual(38);
    expect(emotionWords.length).toBeLessThanOrEqual(45);
    expect(emotionFamilies.map((f) => f.id)).toEqual([...emotionFamilyIds]);
    for (const family of emotionFamilyIds) expect(emotionsInFamily(family).length).toBeGreaterThan(2);
    for (const w of emotionWords) expect(normalizeEmotion(w.id)).toBe(w.id);
    expect(emotionWord('disappointed')?.family).toBe('sadness');
    expect(emotionWord('wistful')).toBeUndefined();
  });

  it('normalises named feelings', () => {
    expect(normalizeEmotion('  Let   Down ')).toBe('let down');
  });
});
