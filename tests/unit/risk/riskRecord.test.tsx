import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyNote } from '../../../shared/domain/emptyNote';
import type { Note } from '../../../shared/domain/noteSchema';
import { defaultRuptureVocabulary } from '../../../shared/domain/ruptures';
import { builtInTemplate, type Template } from '../../../shared/domain/templates';
import { RecordNoteView } from '../../../renderer/src/features/records/RecordNoteView';

describe('the printed record of a note with a risk assessment', () => {
  it('prints every answer in words, and nothing for a note without one', () => {
    const base = emptyNote({
      id: 'note-1',
      sessionId: 'session-1',
      clientId: 'client-1',
      template: builtInTemplate('soap') as Template,
      now: '2026-03-10T10:00:00.000Z',
    });
    const note: Note = {
      ...base,
      risk: {
        ideation: 'passive',
        intent: 'no',
        plan: 'unclear',
        means: 'yes',
        otherRisks: '',
        protectiveFactors: 'Her dog.',
        level: 'moderate',
        actionsTaken: 'Safety plan reviewed.',
      },
    };
    const html = renderToStaticMarkup(
      <RecordNoteView note={note} template={null} vocabulary={defaultRuptureVocabulary} concernLine={36} />,
    );
    const text = html.replace(/<[^>]+>/g, '|');
    for (const printed of [
      'Risk assessment',
      'Passive (wishes to be dead)',
      'Access to means||Yes',
      'Plan||Unclear',
      'Other risks||None recorded',
      'Risk level||Moderate',
      'Actions taken||Safety plan reviewed.',
    ]) {
      expect(text).toContain(printed);
    }
    const without = renderToStaticMarkup(
      <RecordNoteView
        note={{ ...note, risk: null }}
        template={null}
        vocabulary={defaultRuptureVocabulary}
        concernLine={36}
      />,
    );
    expect(without).not.toContain('Risk assessment');
  });
});
