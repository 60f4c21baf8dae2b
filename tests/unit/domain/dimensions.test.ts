import { describe, expect, it } from 'vitest';
import {
  coRegulationField,
  dimensionById,
  dimensionIds,
  dimensions,
  isDimensionId,
  ratingAnchor,
  ratingInWords,
  ratingLabels,
  ratingValues,
  unratedChoice,
  unratedChoices,
} from '../../../shared/domain';

describe('dimensions', () => {
  it('lists the five dimensions in order, with the labels the editor uses as accessible names', () => {
    expect(dimensions.map((d) => d.id)).toEqual([...dimensionIds]);
    expect(dimensions.map((d) => d.label)).toEqual([
      'Affective attunement',
      'Cognitive attunement',
      'Developmental attunement',
      'Rhythmic attunement',
      'Empathic attunement',
    ]);
  });

  it('gives every dimension text, a source with a year, prompts and five anchors 1–5', () => {
    for (const d of dimensions) {
      expect(d.description.length).toBeGreaterThan(40);
      expect(d.source).toMatch(/\b(19|20)\d\d$/);
      for (const prompt of [d.prompt, d.observationPrompt, d.responsePrompt]) expect(prompt).not.toBe('');
      expect(d.prompt.endsWith('?')).toBe(true);
      expect(d.anchors.map((a) => a.value)).toEqual([1, 2, 3, 4, 5]);
      for (const a of d.anchors) {
        expect(a.label).not.toBe('');
        expect(a.description).not.toBe('');
      }
    }
  });

  it('cites the sources named in the design', () => {
    expect(dimensions.map((d) => d.source)).toEqual([
      'Stern 1985',
      'Safran & Muran 2000',
      'Erskine 2015',
      'Schore 2003',
      'Kohut 1984',
    ]);
    expect(coRegulationField.source).toBe('Siegel 2012; Porges 2011');
  });

  it('names the steps from misattuned to deep for every dimension', () => {
    for (const d of dimensions) {
      expect(d.anchors.map((a) => a.label)).toEqual(['Misattuned', 'Limited', 'Adequate', 'Good', 'Deep']);
    }
    expect(ratingValues.map((v) => ratingLabels[v])).toEqual([
      'Misattuned',
      'Limited',
      'Adequate',
      'Good',
      'Deep',
    ]);
  });

  it('writes each dimension its own anchors: no two dimensions share the meaning of any step', () => {
    for (const value of ratingValues) {
      const meanings = dimensions.map((d) => ratingAnchor(d.id, value).description);
      expect(new Set(meanings).size).toBe(dimensions.length);
    }
    // Stern's test of matched intensity, form and rhythm is the affective anchor, no one else's.
    expect(ratingAnchor('affective', 5).description).toMatch(/intensity, form and rhythm/);
    expect(ratingAnchor('cognitive', 5).description).not.toMatch(/intensity, form and rhythm/);
    expect(ratingAnchor('cognitive', 5).description).toMatch(/perspective/);
    expect(ratingAnchor('developmental', 4).description).toMatch(/pace|slowed/);
    expect(ratingAnchor('rhythmic', 1).description).toMatch(/tempo/);
  });

  it('keeps the empathic boundary qualifier in its anchors: an over-identified session cannot read as deep', () => {
    const empathic = dimensionById('empathic');
    // The top anchor requires perspective and boundaries kept; over-identifying is named low.
    expect(ratingAnchor('empathic', 5).description).toMatch(/perspective and boundaries/);
    expect(ratingAnchor('empathic', 2).description).toMatch(/over-identifying/);
    expect(ratingAnchor('empathic', 1).description).toMatch(/boundary/);
    for (const value of [4, 5] as const) {
      expect(ratingAnchor('empathic', value).description).toMatch(/boundaries/);
    }
    expect(empathic.description).toMatch(/over-identifying/);
  });

  it('offers "Did not come up" and "Could not judge" as two answers, each described', () => {
    expect(unratedChoices.map((c) => c.label)).toEqual(['Did not come up', 'Could not judge']);
    expect(unratedChoice('did-not-come-up').description).toMatch(/Nothing of this dimension arose/);
    expect(unratedChoice('could-not-judge').description).toMatch(/could not tell/);
  });

  it('puts a rating in words with its own dimension’s anchor, or the reason there is none', () => {
    expect(ratingInWords('rhythmic', 4, null)).toBe(`4 · Good: ${ratingAnchor('rhythmic', 4).description}`);
    expect(ratingInWords('affective', null, 'did-not-come-up')).toBe('Did not come up');
    expect(ratingInWords('affective', null, 'could-not-judge')).toBe('Could not judge');
    expect(ratingInWords('affective', null, null)).toBe('Could not judge');
  });

  it('looks dimensions up by id and recognises ids', () => {
    expect(dimensionById('rhythmic').label).toBe('Rhythmic attunement');
    expect(isDimensionId('empathic')).toBe(true);
    expect(isDimensionId('somatic')).toBe(false);
    expect(isDimensionId(3)).toBe(false);
  });
});
