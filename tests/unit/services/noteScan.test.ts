import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NoteScan, termAccepts } from '../../../main/services/noteScan';
import { type FoldedNote, searchGroups } from '../../../main/services/noteText';
import { foldText, searchTerms, tokenize } from '../../../main/services/searchText';

function doc(id: string, ...texts: string[]): FoldedNote {
  const folded = { id } as FoldedNote;
  for (const g of searchGroups) folded[g] = [];
  folded.sections = texts.map(foldText);
  folded.plan = [];
  return folded;
}

describe('NoteScan vocabulary', () => {
  it('forgets the words a note no longer holds when its text is replaced, and keeps other notes’ words', () => {
    const scan = new NoteScan();
    scan.set(doc('a', 'Spoke of the orchard.'), '2025-01-01T00:00:00.000Z');
    scan.set(doc('b', 'The orchard again; the garden.'), '2025-01-02T00:00:00.000Z');
    expect(scan.search(['orchard'])).toEqual(['b', 'a']); // newest first
    scan.set(doc('a', 'Spoke of the vineyard.'), '2025-01-03T00:00:00.000Z');
    expect(scan.size).toBe(2);
    expect(scan.search(['orchard'])).toEqual(['b']);
    expect(scan.search(['vineyard'])).toEqual(['a']);
    expect(scan.search(['the'])).toEqual(['a', 'b']);
    expect(scan.search(['orchad'])).toEqual(['b']); // one edit
    expect(scan.search(['the', 'garden'])).toEqual(['b']);
    expect(scan.matchedWords('a', ['orchard', 'vineyard', 'spo'])).toEqual(['vineyard', 'spoke']);
    expect(scan.matchedWords('b', ['the', 'gard'])).toEqual(['the', 'garden']);
  });

  it('counts a note once per term, whatever how many of its words the term matches', () => {
    const scan = new NoteScan();
    scan.set(doc('a', 'garden gardens gardener', 'garden'), '2025-01-01T00:00:00.000Z');
    scan.set(doc('b', 'breath'), '2025-01-01T00:00:00.000Z');
    expect(scan.search(['gard', 'garden'])).toEqual(['a']);
    expect(scan.search(['gard', 'breath'])).toEqual([]);
  });

  it('splits folded text into the same words as the index (fast path for ASCII and punctuation included)', () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      '-',
      '’',
      '—',
      '\u2070',
      '\u00e9',
      'e\u0301',
      '𝒜',
      '٣',
      '_',
      '\t',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(NoteScan.wordsOf(text)).toEqual(tokenize(text));
        const folded = foldText(text);
        expect(NoteScan.wordsOf(folded)).toEqual(searchTerms(text));
      }),
      { numRuns: 500 },
    );
  });

  it('finds, for every word of every note, the notes holding a word the term accepts (plain and Unicode text mixed)', () => {
    const unit = fc.constantFrom(
      'a',
      'b',
      'ab',
      'Ab',
      '0',
      ' ',
      '-',
      '’',
      'é',
      'e\u0301',
      '𝒜',
      'ß',
      '\u2070',
      '_',
    );
    const note = fc.string({ unit, minLength: 1, maxLength: 16 });
    fc.assert(
      fc.property(fc.array(note, { minLength: 1, maxLength: 6 }), (texts) => {
        const scan = new NoteScan();
        texts.forEach((text, i) => {
          scan.set(doc(`n${i}`, text), '2025-01-01T00:00:00.000Z');
        });
        const words = texts.map((text) => [...new Set(searchTerms(text))]);
        for (const term of new Set(words.flat())) {
          const accepts = termAccepts(term);
          const expected = texts.map((_, i) => `n${i}`).filter((_, i) => words[i]!.some(accepts));
          expect(scan.search([term]).sort()).toEqual(expected);
          words.forEach((own, i) => {
            expect(scan.matchedWords(`n${i}`, [term])).toEqual(own.filter(accepts));
          });
        }
      }),
      { numRuns: 500 },
    );
  });
});
