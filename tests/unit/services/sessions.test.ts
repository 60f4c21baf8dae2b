import { describe, expect, it } from 'vitest';
import { clientInput, clientWithNote, expectKind, openServices, sessionInput } from './serviceKit';

describe('SessionService', () => {
  it('creates sessions for an existing client and lists them by start time', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const other = await services.clients.create(clientInput('C-02'));
    const late = await services.sessions.create(sessionInput(client.id, '2025-03-21T09:00:00Z'));
    // 10:00 at +02:00 is 08:00Z: earlier than 09:00Z though it reads later.
    const early = await services.sessions.create(sessionInput(client.id, '2025-03-21T10:00:00+02:00'));
    const first = await services.sessions.create(sessionInput(client.id, '2025-01-02T09:00:00Z'));
    await services.sessions.create(sessionInput(other.id));
    expect((await services.sessions.list(client.id)).map((s) => s.id)).toEqual([first.id, early.id, late.id]);
    expect(await services.sessions.list(other.id)).toHaveLength(1);
  });

  it('refuses a session for a client that does not exist', async () => {
    const { services } = await openServices();
    await expectKind(services.sessions.create(sessionInput('no-such-client')), 'not-found');
    await expectKind(services.sessions.list('no-such-client'), 'not-found');
  });

  it('updates date, duration and attendance but keeps the client', async () => {
    const { services } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    const s = await services.sessions.create(sessionInput(client.id));
    const updated = await services.sessions.update(s.id, { durationMinutes: 80, attendance: 'no-show' });
    expect(updated).toEqual({ ...s, durationMinutes: 80, attendance: 'no-show' });
    const message = await expectKind(services.sessions.update(s.id, { durationMinutes: 0 }), 'invalid-input');
    expect(message).toContain('durationMinutes: Enter a duration');
    await expectKind(services.sessions.update('missing', { durationMinutes: 30 }), 'not-found');
    expect(await services.sessions.list(client.id)).toEqual([updated]);
  });

  it('refuses to change a session once its note is signed', async () => {
    const { services } = await openServices();
    const { session, note } = await clientWithNote(services);
    await services.notes.sign(note.id);
    const message = await expectKind(services.sessions.update(session.id, { durationMinutes: 80 }), 'read-only');
    expect(message).toContain('addendum');
    expect((await services.sessions.list(session.clientId))[0]).toEqual(session);
  });
});
