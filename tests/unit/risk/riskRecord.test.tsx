import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { emptyNote } from '../../../shared/domain/emptyNote';
import type { Note } from '../../../shared/domain/noteSchema';
import { defaultRuptureVocabulary } from '../../../shared/domain/ruptures';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';
import { builtInTemplate, type Template } from '../../../shared/domain/templates';
import type { RecordSet } from '../../../shared/ipc/contracts/recordsContract';
import { RecordClinicalSections } from '../../../renderer/src/features/records/RecordClinicalSections';
import { RecordNoteView } from '../../../renderer/src/features/records/RecordNoteView';
import { planSections } from '../../../renderer/src/features/risk/safetyPlanForm';

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

describe('the printed record of a safety plan', () => {
  it('names each part as the Treatment tab does, an empty one included', () => {
    const plan: SafetyPlan = {
      id: 'plan-1',
      clientId: 'client-1',
      warningSigns: ['Stops answering texts'],
      copingStrategies: [],
      distractions: ['The library'],
      contacts: [{ name: 'Sam (sister)', reach: '555 0101' }],
      professionals: [],
      crisisLines: [{ name: '988', reach: '' }],
      safeEnvironment: 'Medication kept by Sam.',
      reasonsForLiving: ['Her dog'],
      reviewedOn: '2026-03-10',
      createdAt: '2026-03-10T10:00:00.000Z',
      updatedAt: '2026-03-10T10:00:00.000Z',
    };
    const set = { treatmentPlans: [], diagnoses: [], safetyPlan: plan } as unknown as RecordSet;
    const text = renderToStaticMarkup(<RecordClinicalSections set={set} />).replace(/<[^>]+>/g, '|');
    for (const section of planSections) expect(text).toContain(`|${section.title}|`);
    for (const printed of [
      'Stops answering texts',
      'Sam (sister): 555 0101',
      '|988|',
      'Medication kept by Sam.',
      'None written.',
      'Reviewed with the client on',
    ]) {
      expect(text).toContain(printed);
    }
  });
});
