import { describe, expect, it } from 'vitest';
import { diagnosisSaveInput } from '../../../shared/ipc/contracts/diagnosisContract';
import { emptyAnswers } from '../../../shared/measures';
import { everything, openReviewHarness, seedCase } from './reviewKit';

/**
 * A preview is reused while nothing it is built from has changed; a diagnosis, an outcome measure
 * or a treatment plan changed since is part of what it is built from, so the next preview (and the
 * export after it) must show the records as they are now.
 */
describe('a preview after a change to the client’s records', () => {
  it('takes the code of a diagnosis added since the last preview out of the text', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const draftNote = seeded.notes[2]!;
    const { attunement, ruptures, sessionJudgments, participation, plan } = draftNote;
    await services.notes.saveDraft(draftNote.id, {
      attunement,
      ruptures,
      sessionJudgments,
      participation,
      plan,
      sections: { data: 'Worry most days; F41.1 fits.', assessment: 'Steadier.' },
    });
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true };
    const withDiagnoses = { ...request, include: { ...everything, diagnoses: true } };
    // Not the client's code yet: the text keeps it.
    expect(JSON.stringify(await review.preview(request))).toContain('F41.1');
    await services.diagnoses.save(
      diagnosisSaveInput.parse({
        clientId: seeded.client.id,
        code: 'F41.1',
        rank: 'primary',
        status: 'active',
        diagnosedOn: '2025-02-01',
        endedOn: null,
        comment: '',
        expectedUpdatedAt: null,
      }),
    );
    // Now it is: without diagnoses ticked, it is taken out of every text.
    const after = await review.preview(request);
    expect(JSON.stringify(after)).not.toContain('F41.1');
    expect(after.notes[2]?.sections.data).toBe('Worry most days; [diagnosis] fits.');
    expect((await review.preview(withDiagnoses)).diagnoses?.map((d) => d.code)).toEqual(['F41.1']);
  });

  it('leaves out an outcome measure deleted since the last preview', async () => {
    const { services, review } = await openReviewHarness();
    const seeded = await seedCase(services);
    const answers = emptyAnswers('phq9');
    for (let n = 1; n <= 9; n++) answers[`q${n}`] = 1;
    const measure = await services.measures.save({
      sessionId: seeded.sessions[0]!.id,
      instrument: 'phq9',
      answers,
    });
    const request = { clientId: seeded.client.id, include: everything, extraNames: [], shiftDates: true };
    expect((await review.preview(request)).measures).toHaveLength(1);
    await services.measures.delete(measure.id);
    expect((await review.preview(request)).measures).toEqual([]);
  });
});
