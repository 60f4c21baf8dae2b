import { describe, expect, it } from 'vitest';
import { canonicalJson, noteSchema, SIGNABLE_FORMAT, signableContent } from '../../../shared/domain';
import { filledNote } from './fixtures';

/** The same data with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([k, v]) => [k, reverseKeys(v)]),
    );
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, 2], e: undefined })).toBe(
      '{"a":[{"c":null,"d":"x"},2],"b":1}',
    );
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('Cannot hash the number NaN.');
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});

describe('signableContent', () => {
  it('hashes a note from before issue 14 as it did: the migrated defaults are left out', () => {
    const note = filledNote();
    // The note as an older Attune held it: no reason beside an empty rating, no therapist markers.
    const old = structuredClone(note) as unknown as {
      attunement: Record<string, Record<string, unknown>>;
      ruptures: Record<string, unknown>[];
    };
    for (const entry of Object.values(old.attunement)) delete entry.unrated;
    for (const rupture of old.ruptures) delete rupture.therapistMarkers;
    const migrated = noteSchema.parse(old);
    expect(migrated.attunement.cognitive.unrated).toBe('could-not-judge');
    expect(migrated.ruptures[0]?.therapistMarkers).toEqual([]);
    expect(signableContent(migrated)).toBe(signableContent(note));
    expect(signableContent(migrated)).not.toMatch(/unrated|therapistMarkers/);
    // Read straight from the store, unmigrated, it hashes the same too (sync and import checks do this).
    expect(signableContent(old as unknown as typeof note)).toBe(signableContent(note));
  });

  it('covers "Did not come up" and therapist-side markers once they are chosen', () => {
    const note = filledNote();
    const before = signableContent(note);
    const notArisen = structuredClone(note);
    notArisen.attunement.cognitive.unrated = 'did-not-come-up';
    expect(signableContent(notArisen)).not.toBe(before);
    expect(signableContent(notArisen)).toMatch(/"unrated":"did-not-come-up"/);
    const marked = structuredClone(note);
    marked.ruptures[0]!.therapistMarkers = ['pulled-to-rescue'];
    expect(signableContent(marked)).not.toBe(before);
  });

  it('is stable under key reordering', () => {
    const note = filledNote();
    const reordered = reverseKeys(note) as typeof note;
    expect(Object.keys(reordered)).not.toEqual(Object.keys(note));
    expect(signableContent(reordered)).toBe(signableContent(note));
  });

  it('survives a parse round trip through JSON', () => {
    const note = filledNote();
    const reread = noteSchema.parse(JSON.parse(JSON.stringify(note)));
    expect(signableContent(reread)).toBe(signableContent(note));
  });

  it('covers the clinical content and identity, not status, timestamps or addenda', () => {
    const note = filledNote();
    const base = signableContent(note);
    expect(JSON.parse(base).format).toBe(SIGNABLE_FORMAT);
    const signed = {
      ...note,
      status: 'signed' as const,
      updatedAt: '2025-03-20T00:00:00Z',
      signed: { at: '2025-03-20T00:00:00Z', by: 'Dr M. Rossi', contentHash: 'ab'.repeat(32) },
      addenda: [{ id: 'a1', at: '2025-03-21T00:00:00Z', by: 'Dr M. Rossi', text: 'Added later.' }],
    };
    expect(signableContent(signed)).toBe(base);
    expect(signableContent({ ...note, plan: `${note.plan}.` })).not.toBe(base);
    expect(signableContent({ ...note, clientId: 'other' })).not.toBe(base);
    const ruptures = [{ ...note.ruptures[0]!, salience: 4 }];
    expect(signableContent({ ...note, ruptures })).not.toBe(base);
  });
});
