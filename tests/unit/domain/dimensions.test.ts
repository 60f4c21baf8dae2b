import { describe, expect, it } from 'vitest';
import {
  coRegulationField,
  dimensionById,
  dimensionIds,
  dimensions,
  isDimensionId,
  ratingAnchor,
  ratingAnchors,
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

  it('anchors the scale from misattuned to deep', () => {
    expect(ratingAnchors.map((a) => a.label)).toEqual(['Misattuned', 'Limited', 'Adequate', 'Good', 'Deep']);
    expect(ratingAnchor(1).description).toMatch(/missed or contradicted/);
    expect(ratingAnchor(5).description).toMatch(/felt met/);
  });

  it('looks dimensions up by id and recognises ids', () => {
    expect(dimensionById('rhythmic').label).toBe('Rhythmic attunement');
    expect(isDimensionId('empathic')).toBe(true);
    expect(isDimensionId('somatic')).toBe(false);
    expect(isDimensionId(3)).toBe(false);
  });
});
