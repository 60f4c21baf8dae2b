import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../../main/services/createServices';
import { LOCAL_INDEX_DIR } from '../../../main/services/device/localViewCache';
import { clientInput, filledDraft, openServices, PASS, sessionInput } from './serviceKit';

/** 3 clients, 7 sessions, 5 notes (15 records), plus process notes that must not show. */
async function fill(services: Services) {
  const ids = { clients: [] as string[], sessions: [] as string[], notes: [] as string[] };
  for (const [i, code] of ['C-01', 'C-02', 'C-03'].entries()) {
    const client = await services.clients.create(clientInput(code));
    ids.clients.push(client.id);
    for (let s = 0; s <= i + 1 && ids.sessions.length < 7; s++) {
      const session = await services.sessions.create(sessionInput(client.id, `2025-0${s + 1}-10T09:00:00Z`));
      ids.sessions.push(session.id);
      if (ids.notes.length < 5) {
        const note = await services.notes.create(session.id, 'soap');
        await services.notes.saveDraft(note.id, filledDraft());
        await services.processNotes.save(note.id, 'Private thoughts.');
        ids.notes.push(note.id);
      }
    }
  }
  return ids;
}

describe('IndexService', () => {
  it('gives every client, session and note once, each kind whole', async () => {
    const { services } = await openServices();
    const ids = await fill(services);
    const clients = await services.index.clients();
    const sessions = await services.index.sessions();
    const notes = await services.index.noteSummaries();
    expect(clients.map((c) => c.id).sort()).toEqual([...ids.clients].sort());
    expect(sessions.map((s) => s.id).sort()).toEqual([...ids.sessions].sort());
    expect(notes.map((n) => n.id).sort()).toEqual([...ids.notes].sort());
  });

  it('gives note summaries, never note text or process notes', async () => {
    const { services } = await openServices();
    await fill(services);
    const notes = await services.index.noteSummaries();
    expect(notes[0]).toMatchObject({ status: 'draft', ratings: { affective: 4 }, signedAt: null });
    expect(notes[0]).not.toHaveProperty('sections');
    expect(JSON.stringify(notes)).not.toMatch(/Private thoughts|manager|polite smile/);
  });

  it('reflects the latest saved content of a note, after an earlier call kept its summary', async () => {
    const { services } = await openServices();
    const ids = await fill(services);
    const before = await services.index.noteSummaries();
    expect(before.find((n) => n.id === ids.notes[0])?.status).toBe('draft');
    await services.notes.sign(ids.notes[0]!);
    const after = await services.index.noteSummaries();
    expect(after.find((n) => n.id === ids.notes[0])?.status).toBe('signed');
    // Notes not written since are summarised once, not again at every call.
    expect(after.find((n) => n.id === ids.notes[1])).toBe(before.find((n) => n.id === ids.notes[1]));
  });

  it('sees records written since the last call', async () => {
    const { services } = await openServices();
    await fill(services);
    await services.index.clients();
    const client = await services.clients.create(clientInput('A-00'));
    expect((await services.index.clients()).map((c) => c.id)).toContain(client.id);
  });

  it("gives Today's slice: recent and coming sessions, older ones without a signed note and recent signatures, with their notes only", async () => {
    const { services } = await openServices();
    const ids = await fill(services); // sessions in Jan–Mar 2025; notes 0–4 are drafts
    await services.notes.sign(ids.notes[1]!);
    const client = await services.clients.create(clientInput('T-01'));
    const recent = await services.sessions.create(sessionInput(client.id, '2025-03-20T09:00:00Z'));
    const oldSigned = ids.notes[1]!;
    // The services' clock signs on 2025-03-14: a week later the signature is recent, a year on not.
    const soon = await services.index.today(new Date('2025-03-20T12:00:00Z'));
    const later = await services.index.today(new Date('2026-03-21T12:00:00Z'));
    const drafts = ids.notes.filter((id) => id !== oldSigned);
    expect(soon.sessions.map((s) => s.id)).toContain(recent.id);
    // A year on, the session without a note is still to finish (older notes to finish); the signed one is settled.
    expect(later.sessions.map((s) => s.id)).toContain(recent.id);
    expect(later.sessions.map((s) => s.id)).not.toContain(ids.sessions[1]);
    expect(later.olderUnfinished).toBe(ids.sessions.length - 1 + 1);
    expect(soon.notes.map((n) => n.id)).toContain(oldSigned);
    expect(later.notes.map((n) => n.id).sort()).toEqual([...drafts].sort());
    // Each session's note comes with it, as a summary (no text); no other note does.
    const sessionIds = new Set(soon.sessions.map((s) => s.id));
    for (const n of soon.notes) expect(sessionIds.has(n.sessionId)).toBe(true);
    expect(JSON.stringify(soon)).not.toMatch(/Private thoughts|polite smile/);
  });

  it('gives the same slice at the next unlock from the facts this computer kept, with what changed since read again', async () => {
    const { services, session } = await openServices({ keepViewsAfterMs: 0 });
    const ids = await fill(services);
    const at = new Date('2026-03-21T12:00:00Z');
    const before = await services.index.today(at);
    expect(before.notes.map((n) => n.id).sort()).toEqual([...ids.notes].sort()); // all drafts
    const kept = join(dirname(session.location), LOCAL_INDEX_DIR, `${session.vault.id}-note-facts.bin`);
    await vi.waitFor(() => expect(existsSync(kept)).toBe(true));
    // Signed after the copy was written: the next unlock must not take it for a draft.
    await services.notes.sign(ids.notes[2]!);
    await session.lock('quit');
    await session.unlock({ passphrase: PASS });
    const again = createServices(session, { keepViewsAfterMs: 0 });
    const after = await again.index.today(at);
    expect(after.notes.map((n) => n.id).sort()).toEqual(ids.notes.filter((_, i) => i !== 2).sort());
    expect(after.olderUnfinished).toBe(before.olderUnfinished - 1);
    expect(after.notes.find((n) => n.id === ids.notes[0])).toEqual(
      before.notes.find((n) => n.id === ids.notes[0]),
    );
  });
});
