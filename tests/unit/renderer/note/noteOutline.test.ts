import { describe, expect, it } from 'vitest';
import {
  currentPart,
  noteOutline,
  partDomId,
  scrolledToEnd,
} from '../../../../renderer/src/features/note/noteOutline';
import { builtInTemplate, type Template } from '../../../../shared/domain/templates';

const soap = builtInTemplate('soap') as Template;
const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('noteOutline', () => {
  it('lists a draft SOAP note’s sections in the order the editor shows them', () => {
    expect(labels(noteOutline(soap, {}, false))).toEqual([
      'Subjective',
      'Objective',
      'Assessment',
      'Attunement',
      'Ruptures and repairs',
      'Client participation',
      'Session feedback',
      'Treatment goals',
      'Plan',
      'Outcome measures',
      'Private process notes',
    ]);
  });

  it('adds the addenda once signed, and leaves out the parts a template does not include', () => {
    const own: Template = {
      ...soap,
      id: 'own',
      baseSections: [{ id: 'story', label: 'What happened', prompt: '' }],
      includes: { attunement: true, ruptures: false, participation: false, feedback: false, plan: true },
    };
    expect(labels(noteOutline(own, {}, true))).toEqual([
      'What happened',
      'Attunement',
      'Treatment goals',
      'Plan',
      'Addenda',
      'Outcome measures',
      'Private process notes',
    ]);
  });

  it('lists text kept under a section the template no longer has, as the editor shows it', () => {
    const items = noteOutline(soap, { subjective: 'x', retired: 'still here', empty: '' }, false);
    expect(labels(items).slice(0, 4)).toEqual(['Subjective', 'Objective', 'Assessment', 'retired']);
  });

  it('gives every part its own key, and ids unique on the page under the editor’s prefix', () => {
    const items = noteOutline(
      { ...soap, baseSections: [{ id: 'part:plan', label: 'Odd id', prompt: '' }] },
      {},
      true,
    );
    const keys = items.map((i) => i.key);
    expect(new Set(keys).size).toBe(keys.length);
    const ids = keys.map((k) => partDomId(':r1:', k));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => !/\s/.test(id))).toBe(true);
  });
});

describe('currentPart', () => {
  // A window 800 px tall under a 100 px header: the band read as current is 100–320 px.
  const view = { top: 100, bandBottom: 320, height: 800, atEnd: false };
  const parts = [
    { key: 'plan', top: -900, bottom: 150 },
    { key: 'measures', top: 170, bottom: 520 },
    { key: 'process', top: 540, bottom: 790 },
  ];

  it('is the first part reaching into the band under the header', () => {
    expect(currentPart(parts, view)).toBe('plan');
    expect(currentPart(parts.slice(1), view)).toBe('measures');
    // Hidden under the header is not being read.
    expect(currentPart([{ key: 'plan', top: -900, bottom: 90 }, ...parts.slice(1)], view)).toBe('measures');
  });

  it('is the last part in view once the note is scrolled to its end (it can never reach the band)', () => {
    expect(currentPart(parts, { ...view, atEnd: true })).toBe('process');
    // A part below the window is not in view, even at the end.
    expect(currentPart([...parts, { key: 'after', top: 820, bottom: 900 }], { ...view, atEnd: true })).toBe(
      'process',
    );
  });

  it('is none when no part is in the band', () => {
    expect(currentPart([{ key: 'a', top: 400, bottom: 900 }], view)).toBeNull();
  });
});

describe('scrolledToEnd', () => {
  it('is true at the bottom of a scrolled page, false above it and on a page that does not scroll', () => {
    expect(scrolledToEnd({ scrollTop: 1200, clientHeight: 800, scrollHeight: 2000 })).toBe(true);
    expect(scrolledToEnd({ scrollTop: 1199.5, clientHeight: 800, scrollHeight: 2000.4 })).toBe(true);
    expect(scrolledToEnd({ scrollTop: 1000, clientHeight: 800, scrollHeight: 2000 })).toBe(false);
    expect(scrolledToEnd({ scrollTop: 0, clientHeight: 800, scrollHeight: 800 })).toBe(false);
  });
});
