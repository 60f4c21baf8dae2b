import { describe, expect, it } from 'vitest';
import { clientInput, expectKind, openServices, sessionInput } from './serviceKit';

describe('SessionNoteService', () => {
  it('records a session and its draft in one call, with the first template for a client without notes', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const { session, note } = await services.sessionNotes.start({
      clientId: client.id,
      startsAt: '2025-03-14T09:15:00.000Z',
    });
    expect(session).toMatchObject({
      clientId: client.id,
      startsAt: '2025-03-14T09:15:00.000Z',
      durationMinutes: 50,
      modality: 'in-person',
      attendance: 'attended',
    });
    const first = (await services.templates.list())[0]?.id;
    expect(note).toMatchObject({
      sessionId: session.id,
      clientId: client.id,
      templateId: first,
      status: 'draft',
    });
    expect(await services.sessions.list(client.id)).toEqual([session]);
    expect(await services.notes.get(note.id)).toEqual(note);
  });

  it("uses the template and the duration and modality of the client's latest session", async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const other = await services.clients.create(clientInput('C-02'));
    const older = await services.sessions.create(sessionInput(client.id, '2025-03-01T09:00:00Z'));
    await services.notes.create(older.id, 'dap');
    const later = await services.sessions.create({
      ...sessionInput(client.id, '2025-03-08T09:00:00Z'),
      durationMinutes: 80,
      modality: 'video',
    });
    await services.notes.create(later.id, 'birp');
    const elsewhere = await services.sessions.create(sessionInput(other.id, '2025-03-10T09:00:00Z'));
    await services.notes.create(elsewhere.id, 'soap');

    const { session, note } = await services.sessionNotes.start({
      clientId: client.id,
      startsAt: '2025-03-15T09:00:00.000Z',
    });
    expect(note.templateId).toBe('birp');
    expect(session).toMatchObject({ durationMinutes: 80, modality: 'video' });
  });

  it('opens the note a session has, or makes one with the usual template, once', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const first = await services.sessions.create(sessionInput(client.id, '2025-03-01T09:00:00Z'));
    const written = await services.notes.create(first.id, 'dap');
    expect(await services.sessionNotes.open(first.id)).toEqual(written);

    const bare = await services.sessions.create(sessionInput(client.id, '2025-03-08T09:00:00Z'));
    const [made, again] = await Promise.all([
      services.sessionNotes.open(bare.id),
      services.sessionNotes.open(bare.id),
    ]);
    expect(made).toMatchObject({ sessionId: bare.id, templateId: 'dap', status: 'draft' });
    expect(again.id).toBe(made.id);
  });

  it('refuses a client or a session that does not exist, and an invalid time, creating nothing', async () => {
    const { services } = await openServices();
    await expectKind(
      services.sessionNotes.start({ clientId: 'no-such-client', startsAt: '2025-03-14T09:00:00Z' }),
      'not-found',
    );
    await expectKind(services.sessionNotes.open('no-such-session'), 'not-found');
    const client = await services.clients.create(clientInput('C-01'));
    await expectKind(services.sessionNotes.start({ clientId: client.id, startsAt: 'soon' }), 'invalid-input');
    expect(await services.sessions.list(client.id)).toEqual([]);
  });
});
