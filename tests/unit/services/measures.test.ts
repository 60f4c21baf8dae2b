import { describe, expect, it } from 'vitest';
import { emptyAnswers, type MeasureAnswers } from '../../../shared/measures';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  openServices,
  sessionInput,
} from './serviceKit';

const gad7Answers: MeasureAnswers = { q1: 2, q2: 2, q3: 1, q4: 1, q5: 0, q6: 1, q7: 0 };

describe('MeasureService', () => {
  it('saves a measure for a session, stored as its own kind, with the client and the session’s time', async () => {
    const { services, session: vaultSession } = await openServices();
    const { client, session } = await clientWithNote(services);
    const saved = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: gad7Answers,
    });
    expect(saved).toMatchObject({
      clientId: client.id,
      sessionId: session.id,
      instrument: 'gad7',
      answers: gad7Answers,
      status: 'complete',
      enteredBy: 'therapist',
      administeredAt: session.startsAt,
    });
    expect(vaultSession.vault.list('measure')).toHaveLength(1);
    expect(await vaultSession.vault.get('measure', saved.id)).toEqual(saved);
    expect(await services.measures.list(client.id)).toEqual([saved]);
  });

  it('keeps one measure per instrument and session: saving again replaces it, under the same id', async () => {
    const { services } = await openServices();
    const { session } = await clientWithNote(services);
    const first = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: gad7Answers,
    });
    const again = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: { ...gad7Answers, q1: 3 },
      expectedUpdatedAt: first.updatedAt,
    });
    expect(again.id).toBe(first.id);
    expect(again.answers.q1).toBe(3);
    const phq = await services.measures.save({
      sessionId: session.id,
      instrument: 'phq9',
      answers: { ...emptyAnswers('phq9'), q1: 1, q2: 1, q3: 1, q4: 1, q5: 1, q6: 1, q7: 1, q8: 1, q9: 0 },
    });
    expect(phq.id).not.toBe(first.id);
    expect((await services.measures.all()).map((m) => m.instrument).sort()).toEqual(['gad7', 'phq9']);
    // An older version's save is refused instead of overwriting the newer one.
    await expectKind(
      services.measures.save({
        sessionId: session.id,
        instrument: 'gad7',
        answers: gad7Answers,
        expectedUpdatedAt: first.updatedAt,
      }),
      'conflict',
    );
  });

  it('can be added after the note is signed (measures belong to the session, not the note)', async () => {
    const { services } = await openServices();
    const { session, note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.notes.sign(note.id);
    const saved = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: gad7Answers,
    });
    expect(saved.status).toBe('complete');
  });

  it('refuses a blank item unless kept partly answered, an unknown session, and bad answers', async () => {
    const { services } = await openServices();
    const { session } = await clientWithNote(services);
    const blank = { ...gad7Answers, q3: null };
    const message = await expectKind(
      services.measures.save({ sessionId: session.id, instrument: 'gad7', answers: blank }),
      'invalid-input',
    );
    expect(message).toContain('partly answered');
    const partial = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: blank,
      allowPartial: true,
      enteredBy: 'client',
    });
    expect(partial).toMatchObject({ status: 'partial', enteredBy: 'client' });
    await expectKind(
      services.measures.save({ sessionId: 'no-such-session', instrument: 'gad7', answers: gad7Answers }),
      'not-found',
    );
    await expectKind(
      services.measures.save({
        sessionId: session.id,
        instrument: 'gad7',
        answers: { ...gad7Answers, q1: 7 },
      }),
      'invalid-input',
    );
  });

  it('lists a client’s measures earliest first, only theirs, and deletes one with an audit entry', async () => {
    const { services, session: vaultSession } = await openServices();
    const a = await services.clients.create(clientInput('A-01'));
    const b = await services.clients.create(clientInput('B-01'));
    const later = await services.sessions.create(sessionInput(a.id, '2025-04-02T09:00:00Z'));
    const earlier = await services.sessions.create(sessionInput(a.id, '2025-03-02T09:00:00Z'));
    const other = await services.sessions.create(sessionInput(b.id, '2025-03-10T09:00:00Z'));
    for (const s of [later, earlier, other]) {
      await services.measures.save({ sessionId: s.id, instrument: 'gad7', answers: gad7Answers });
    }
    const listed = await services.measures.list(a.id);
    expect(listed.map((m) => m.sessionId)).toEqual([earlier.id, later.id]);
    await services.measures.delete(listed[0]!.id);
    expect((await services.measures.list(a.id)).map((m) => m.sessionId)).toEqual([later.id]);
    await expectKind(services.measures.delete(listed[0]!.id), 'not-found');
    const audit = (await vaultSession.vault.readAudit()).filter((e) => e.detail.kind === 'measure');
    expect(audit.map((e) => e.type)).toEqual(['create', 'create', 'create', 'delete']);
    // The audit names kind and id only: no answers.
    expect(audit.every((e) => Object.keys(e.detail).sort().join() === 'id,kind')).toBe(true);
  });

  it('reads its records again after a lock and unlock', async () => {
    const { services, session: vaultSession } = await openServices();
    const { client, session } = await clientWithNote(services);
    const saved = await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: gad7Answers,
    });
    await vaultSession.lock('user');
    await expectKind(services.measures.list(client.id), 'locked');
    await vaultSession.unlock({ passphrase: 'a long enough test passphrase' });
    expect(await services.measures.list(client.id)).toEqual([saved]);
  });
});
