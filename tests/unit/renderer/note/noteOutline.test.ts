import { describe, expect, it } from 'vitest';
import { noteOutline, partDomId } from '../../../../renderer/src/features/note/noteOutline';
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
