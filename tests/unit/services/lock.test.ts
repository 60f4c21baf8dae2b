import { describe, expect, it } from 'vitest';
import type { Services } from '../../../main/services/createServices';
import type { Client } from '../../../shared/domain/clientSchema';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  openAsThisComputer,
  openServices,
  PASS,
  sessionInput,
} from './serviceKit';

/** One call of every service method, with arguments that would succeed while unlocked. */
function everyCall(services: Services, ids: { clientId: string; sessionId: string; noteId: string }) {
  return {
    'clients.list': () => services.clients.list(),
    'clients.create': () => services.clients.create(clientInput('C-99')),
    'clients.update': () => services.clients.update(ids.clientId, { goals: ['x'] }),
    'clients.setStatus': () => services.clients.setStatus(ids.clientId, 'closed'),
    'sessions.list': () => services.sessions.list(ids.clientId),
    'sessions.create': () => services.sessions.create(sessionInput(ids.clientId)),
    'sessions.update': () => services.sessions.update(ids.sessionId, { durationMinutes: 30 }),
    'notes.create': () => services.notes.create(ids.sessionId, 'soap'),
    'notes.get': () => services.notes.get(ids.noteId),
    'notes.saveDraft': () => services.notes.saveDraft(ids.noteId, filledDraft()),
    'notes.sign': () => services.notes.sign(ids.noteId),
    'notes.addAddendum': () =>
      services.notes.addAddendum(ids.noteId, {
        type: 'clarification',
        reason: 'Added after signing.',
        text: 'x',
      }),
    'processNotes.get': () => services.processNotes.get(ids.noteId),
    'processNotes.save': () => services.processNotes.save(ids.noteId, 'x'),
    'templates.list': () => services.templates.list(),
    'templates.create': () => services.templates.create({ baseId: 'soap', name: 'Mine' }),
    'settings.get': () => services.settings.get(),
    'settings.update': () => services.settings.update({ autoLockMinutes: 3 }),
    'search.search': () => services.search.search('manager', 10),
    'index.clients': () => services.index.clients(),
    'index.sessions': () => services.index.sessions(),
    'index.noteSummaries': () => services.index.noteSummaries(),
  };
}

describe('services and the lock', () => {
  it('fail with locked after session.lock, for every method', async () => {
    const { services, session, locks } = await openServices();
    const { client, session: s, note } = await clientWithNote(services);
    await services.notes.saveDraft(note.id, filledDraft());
    await services.search.search('manager', 10); // warm every cache
    await services.index.noteSummaries();
    await session.lock('user');
    expect(locks).toEqual(['user']);
    for (const [name, call] of Object.entries(
      everyCall(services, { clientId: client.id, sessionId: s.id, noteId: note.id }),
    )) {
      const message = await expectKind(call(), 'locked');
      expect(message, name).toMatch(/locked/);
    }
  });

  it('drop decrypted records at lock: after unlock they are read from the vault again', async () => {
    const { services, session, location } = await openServices();
    const client = await services.clients.create(clientInput('C-01'));
    expect(await services.clients.list()).toHaveLength(1);
    await session.lock('user');
    // Another writer (the CLI, say) changes the client while the app is locked.
    const vault = await openAsThisComputer(location);
    await vault.put('client', client.id, { ...client, goals: ['Changed while locked'] } satisfies Client);
    await vault.lock();
    await session.unlock({ passphrase: PASS });
    expect((await services.clients.list())[0]?.goals).toEqual(['Changed while locked']);
  });

  it('let a save already under way finish before the lock, and refuse saves that come after', async () => {
    const { services, session } = await openServices();
    const { note } = await clientWithNote(services);
    const saving = services.notes.saveDraft(note.id, filledDraft());
    const locking = session.lock('idle');
    const late = services.notes.saveDraft(note.id, filledDraft({ subjective: 'Too late.' }));
    const [saved, refused] = await Promise.allSettled([saving, late]);
    await locking;
    expect(saved.status).toBe('fulfilled');
    expect(refused.status).toBe('rejected');
    await expectKind(late, 'locked');
    await session.unlock({ passphrase: PASS });
    expect((await services.notes.get(note.id)).sections.subjective).toBe(filledDraft().sections.subjective);
  });
});
