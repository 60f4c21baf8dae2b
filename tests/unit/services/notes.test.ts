import { describe, expect, it } from 'vitest';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  openServices,
  PASS,
  sessionInput,
} from './serviceKit';

describe('NoteService: create and drafts', () => {
  it('creates an empty draft from a built-in template for an existing session', async () => {
    const { services } = await openServices();
    const { client, session, note } = await clientWithNote(services);
    expect(note).toMatchObject({
      sessionId: session.id,
      clientId: client.id,
      templateId: 'soap',
      status: 'draft',
      sections: { subjective: '', objective: '', assessment: '' },
      ruptures: [],
      addenda: [],
    });
    expect(note.signed).toBeUndefined();
    expect(await services.notes.get(note.id)).toEqual(note);
  });

  it('creates from a user template', async () => {
    const { services } = await openServices();
    const template = await services.templates.create({
      baseId: 'dap',
      name: 'Brief DAP',
      baseSections: [{ id: 'data', label: 'Data', prompt: 'What happened.' }],
      includes: { feedback: false },
    });
    const client = await services.clients.create(clientInput('C-01'));
    const session = await services.sessions.create(sessionInput(client.id));
    const note = await services.notes.create(session.id, template.id);
    expect(note.templateId).toBe(template.id);
    expect(note.sections).toEqual({ data: '' });
  });

  it('allows one note per session, even when two creates race', async () => {
    const { services } = await openServices();
    const { session } = await clientWithNote(services);
    const message = await expectKind(services.notes.create(session.id, 'narrative'), 'conflict');
    expect(message).toMatch(/already has a note/);

    const other = await services.sessions.create(sessionInput(session.clientId, '2025-04-01T09:00:00Z'));
    const raced = await Promise.allSettled([
      services.notes.create(other.id, 'soap'),
      services.notes.create(other.id, 'birp'),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('refuses unknown sessions and templates', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const session = await services.sessions.create(sessionInput(client.id));
    await expectKind(services.notes.create('no-such-session', 'soap'), 'not-found');
    await expectKind(services.notes.create(session.id, 'no-such-template'), 'not-found');
    await expectKind(services.notes.get('no-such-note'), 'not-found');
  });

  it('saves a draft and reads it back, also after lock and unlock', async () => {
    const { services, session } = await openServices();
    const { note } = await clientWithNote(services);
    const saved = await services.notes.saveDraft(note.id, filledDraft());
    expect(saved.updatedAt > note.updatedAt).toBe(true);
    expect(saved.summary).toMatchObject({
      id: note.id,
      status: 'draft',
      ratings: { affective: 4, rhythmic: 2, cognitive: null },
      emotions: ['disappointed'],
      participation: { mindfulBreathing: true, namedFeelings: true, bodySensations: false },
    });
    expect(saved.summary.ruptures[0]).toMatchObject({ type: 'withdrawal', outcome: 'resolved' });
    const expected = { ...note, ...filledDraft(), updatedAt: saved.updatedAt };
    expect(await services.notes.get(note.id)).toEqual(expected);

    await session.lock('user');
    await session.unlock({ passphrase: PASS });
    expect(await services.notes.get(note.id)).toEqual(expected);
  });

  it('rejects an invalid draft with a readable message and keeps the stored one', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const draft = filledDraft();
    draft.ruptures[0]!.markers = ['rejects-intervention']; // a confrontation marker on a withdrawal
    const message = await expectKind(services.notes.saveDraft(note.id, draft), 'invalid-input');
    expect(message).toContain('ruptures.0.markers.0: Markers must match the rupture type');
    expect(await services.notes.get(note.id)).toEqual(note);
    await expectKind(services.notes.saveDraft('no-such-note', filledDraft()), 'not-found');
  });

  it('checks ruptures against the user’s extended vocabulary', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const draft = filledDraft();
    draft.ruptures[0]!.markers = ['looks-at-clock'];
    await expectKind(services.notes.saveDraft(note.id, draft), 'invalid-input');
    await services.settings.update({
      ruptureVocabulary: {
        markers: [{ id: 'looks-at-clock', type: 'withdrawal', label: 'Looks at the clock', description: '' }],
        strategies: [],
      },
    });
    await services.notes.saveDraft(note.id, draft);
    expect((await services.notes.get(note.id)).ruptures[0]!.markers).toEqual(['looks-at-clock']);
  });

  it('returns copies: changing a returned note changes nothing stored', async () => {
    const { services } = await openServices();
    const { note } = await clientWithNote(services);
    const got = await services.notes.get(note.id);
    got.plan = 'tampered';
    got.sections.subjective = 'tampered';
    expect(await services.notes.get(note.id)).toEqual(note);
  });
});
