import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncService, type SyncServiceDeps } from '../../../../main/services/sync/SyncService';
import type { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { emptyNote } from '../../../../shared/domain/emptyNote';
import { type Note, noteSchema } from '../../../../shared/domain/noteSchema';
import { defaultSettings } from '../../../../shared/domain/settingsSchema';
import { signableContent } from '../../../../shared/domain/signableContent';
import { builtInTemplates } from '../../../../shared/domain/templates';
import { officeAndLaptop } from '../../vault/v2/syncFolder';
import { A, tempRootsPerTest } from '../../vault/v2/v2Kit';

const tempRoot = tempRootsPerTest('attune-sync-service-');
const soap = builtInTemplates.find((t) => t.id === 'soap') ?? builtInTemplates[0]!;

/** Two computers on two copies of one format-2 vault folder, joined by hand as a sync tool would. */
async function twoComputers() {
  const { a, b, cross } = await officeAndLaptop(await tempRoot());
  await cross();
  return { a, b, cross };
}

function serviceOver(vault: SyncedVault | null, name = 'Office iMac') {
  let deviceName = name;
  const deps: SyncServiceDeps = {
    synced: () => vault,
    writes: { writeMany: (work) => work() },
    settings: { get: async () => defaultSettings() },
    device: {
      name: async () => deviceName,
      rename: async (next) => {
        deviceName = next;
        return next;
      },
    },
    clock: () => new Date('2026-03-05T15:00:00.000Z'),
  };
  return new SyncService(deps);
}

/** A client, a session on Mar 5 2026 and its draft note, written on the office computer. */
async function seedDraft(a: SyncedVault): Promise<Note> {
  const now = '2026-03-05T14:00:00.000Z';
  await a.put('client', 'client-1', {
    id: 'client-1',
    code: 'C-014',
    displayName: '',
    status: 'active',
    createdAt: now,
    updatedAt: now,
  });
  await a.put('session', 'session-1', {
    id: 'session-1',
    clientId: 'client-1',
    startsAt: '2026-03-05T13:00:00.000Z',
    durationMinutes: 50,
    modality: 'in-person',
    attendance: 'attended',
  });
  const note = emptyNote({ id: 'note-1', sessionId: 'session-1', clientId: 'client-1', template: soap, now });
  await a.put('note', note.id, note);
  return note;
}

/** Every file under `dir` (path relative to it) with its bytes as hex: what "nothing was written" compares. */
async function folderBytes(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out[relative(dir, path)] = (await readFile(path)).toString('hex');
  }
  return out;
}

const firstSection = soap.baseSections[0]!.id;
const secondSection = soap.baseSections[1]!.id;

describe('SyncService over two computers sharing one format-2 vault', () => {
  it('lists a draft edited on both computers as a conflict in clinical terms and settles it with parts of each version, audited', async () => {
    const { a, b, cross } = await twoComputers();
    const note = await seedDraft(a);
    await cross();
    await a.put('note', note.id, {
      ...note,
      sections: { ...note.sections, [firstSection]: 'Office: client spoke of her sister.' },
      plan: 'Office plan',
    });
    await b.put('note', note.id, {
      ...note,
      sections: { ...note.sections, [secondSection]: 'Laptop: calmer by the end.' },
      plan: 'Laptop plan: revisit the rupture.',
    });
    await cross();

    const listed = await serviceOver(a).conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    expect(listed.value.settledSigned).toEqual([]);
    const [conflict] = listed.value.conflicts;
    expect(conflict).toMatchObject({
      kind: 'note',
      id: 'note-1',
      what: 'note',
      client: { code: 'C-014' },
      sessionStartsAt: '2026-03-05T13:00:00.000Z',
    });
    expect(conflict?.versions.map((v) => v.deviceName).sort()).toEqual(['Laptop', 'Office iMac']);
    expect(conflict?.differingParts).toEqual([
      `sections.${firstSection}`,
      `sections.${secondSection}`,
      'plan',
    ]);
    const office = conflict?.versions.find((v) => v.deviceName === 'Office iMac');
    const laptop = conflict?.versions.find((v) => v.deviceName === 'Laptop');
    if (!office || !laptop) throw new Error('both versions expected');

    // The plan and the second section from the laptop, the rest from the office.
    const resolved = await serviceOver(b, 'Laptop').resolve('note', 'note-1', {
      type: 'parts',
      base: office.versionId,
      parts: { plan: laptop.versionId, [`sections.${secondSection}`]: laptop.versionId },
    });
    expect(resolved).toEqual({ available: true, value: { kind: 'note', id: 'note-1' } });
    await cross();
    for (const v of [a, b]) {
      const merged = await v.get<Note>('note', 'note-1');
      expect(merged.sections[firstSection]).toBe('Office: client spoke of her sister.');
      expect(merged.sections[secondSection]).toBe('Laptop: calmer by the end.');
      expect(merged.plan).toBe('Laptop plan: revisit the rupture.');
      expect(merged.updatedAt).toBe('2026-03-05T15:00:00.000Z');
      const again = await serviceOver(v).conflicts();
      expect(again.available && again.value.conflicts).toEqual([]);
    }
    const audit = a.readAudit().map((e) => e.entry as { type: string; detail: Record<string, unknown> });
    expect(audit.find((e) => e.type === 'conflict-resolved')?.detail).toMatchObject({
      kind: 'note',
      id: 'note-1',
      versions: 2,
    });
    expect((await a.verify()).ok).toBe(true);
    await a.lock();
    await b.lock();
  });

  it('refuses a merged note its schema refuses, and a version that is not one of the record’s, changing nothing', async () => {
    const { a, b, cross } = await twoComputers();
    const note = await seedDraft(a);
    await cross();
    await a.put('note', note.id, { ...note, plan: 'Office' });
    await b.put('note', note.id, { ...note, plan: 'Laptop', sections: { ...note.sections, Bad: 'x' } });
    await cross();
    const service = serviceOver(a);
    const listed = await service.conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    const versions = listed.value.conflicts[0]?.versions ?? [];
    const office = versions.find((v) => v.deviceName === 'Office iMac')!;
    const laptop = versions.find((v) => v.deviceName === 'Laptop')!;
    await expect(
      service.resolve('note', 'note-1', {
        type: 'parts',
        base: laptop.versionId,
        parts: { plan: office.versionId },
      }),
    ).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/section id/) });
    await expect(
      service.resolve('note', 'note-1', { type: 'version', versionId: `${'c'.repeat(32)}:1:0` }),
    ).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/choose again/) });
    await expect(
      service.resolve('note', 'note-1', {
        type: 'parts',
        base: office.versionId,
        parts: { status: laptop.versionId },
      }),
    ).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/not part of a note/) });
    expect(a.conflicts()).toHaveLength(1);
    await service.resolve('note', 'note-1', { type: 'version', versionId: office.versionId });
    expect(a.conflicts()).toEqual([]);
    await expect(
      service.resolve('note', 'note-1', { type: 'version', versionId: office.versionId }),
    ).rejects.toMatchObject({ kind: 'not-found' });
    await a.lock();
    await b.lock();
  });

  it('a note signed on one computer and edited on the other never stays in conflict: the signature stands and the edit becomes an addendum', async () => {
    const { a, b, cross } = await twoComputers();
    const note = await seedDraft(a);
    await cross();
    const content = { ...note, sections: { ...note.sections, [firstSection]: 'Signed text.' } };
    const signed: Note = {
      ...content,
      status: 'signed',
      signed: { at: '2026-03-05T14:30:00.000Z', by: 'Dr Rivera', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-03-05T14:30:00.000Z',
    };
    await a.put('note', note.id, signed);
    await b.put('note', note.id, { ...note, plan: 'Laptop afterthought: call the GP.' });
    await cross();
    // The engine keeps both versions (FORMAT.md §12); the service settles it with no choice to make.
    expect(a.conflicts()).toHaveLength(1);
    // Picking the laptop's draft over the signed text is refused outright.
    const draftVersion = a.conflicts()[0]?.versions.find((v) => v.deviceName === 'Laptop')?.opId ?? '';
    const office = serviceOver(a);
    await expect(
      office.resolve('note', 'note-1', { type: 'version', versionId: draftVersion }),
    ).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringMatching(/signed/) });
    // Listing before the merge-time step shows no choice to make, and settles nothing.
    const before = await office.conflicts();
    expect(before.available && before.value).toEqual({ conflicts: [], settledSigned: [] });
    expect(a.conflicts()).toHaveLength(1);
    expect(await office.settleSigned()).toBe(true);
    expect(a.conflicts()).toEqual([]);
    const listed = await office.conflicts();
    if (!listed.available) throw new Error('format 2 expected');
    expect(listed.value.conflicts).toEqual([]);
    expect(listed.value.settledSigned).toEqual([
      expect.objectContaining({
        id: 'note-1',
        from: ['Laptop'],
        client: expect.objectContaining({ code: 'C-014' }),
      }),
    ]);
    // Each settled note is told once.
    const again = await office.conflicts();
    expect(again.available && again.value.settledSigned).toEqual([]);
    await cross();
    for (const v of [a, b]) {
      expect(v.conflicts()).toEqual([]);
      const kept = await v.get<Note>('note', 'note-1');
      expect(kept.status).toBe('signed');
      expect(kept.signed).toEqual(signed.signed);
      expect(signableContent(kept)).toBe(signableContent(signed));
      expect(kept.addenda).toHaveLength(1);
      expect(kept.addenda[0]?.text).toMatch(/Laptop[\s\S]*Laptop afterthought: call the GP\./);
      // A typed addendum like the therapist's own, saying where it came from.
      expect(kept.addenda[0]).toMatchObject({
        type: 'clarification',
        reason: expect.stringMatching(/^Kept from Laptop: /),
      });
      expect(noteSchema.safeParse(kept).success).toBe(true);
    }
    await a.lock();
    await b.lock();
  });

  it('a signed note given an addendum on each computer keeps both addenda and its signature, with nothing to choose', async () => {
    const { a, b, cross } = await twoComputers();
    const note = await seedDraft(a);
    const signed: Note = {
      ...note,
      status: 'signed',
      signed: { at: '2026-03-05T14:30:00.000Z', by: 'Dr Rivera', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-03-05T14:30:00.000Z',
    };
    await a.put('note', note.id, signed);
    await cross();
    const addendum = (id: string, text: string) => ({
      id,
      at: '2026-03-06T09:00:00.000Z',
      by: 'Dr Rivera',
      text,
    });
    await a.put('note', note.id, { ...signed, addenda: [addendum('add-office', 'Office: client phoned.')] });
    await b.put('note', note.id, { ...signed, addenda: [addendum('add-laptop', 'Laptop: letter sent.')] });
    await cross();
    expect(b.conflicts()).toHaveLength(1);
    const laptop = serviceOver(b, 'Laptop');
    expect(await laptop.settleSigned()).toBe(true);
    const listed = await laptop.conflicts();
    expect(listed.available && listed.value.conflicts).toEqual([]);
    expect(listed.available && listed.value.settledSigned.map((s) => s.from)).toEqual([['Laptop']]);
    await cross();
    for (const v of [a, b]) {
      const kept = await v.get<Note>('note', 'note-1');
      expect(kept.signed).toEqual(signed.signed);
      expect(kept.addenda.map((x) => x.text).sort()).toEqual([
        'Laptop: letter sent.',
        'Office: client phoned.',
      ]);
      expect(v.conflicts()).toEqual([]);
    }
    await a.lock();
    await b.lock();
  });

  it('listing conflicts writes nothing: with a signed note and a draft in conflict, every file of the vault folder is byte-identical before and after', async () => {
    const { a, b, cross } = await twoComputers();
    const note = await seedDraft(a);
    const draft = emptyNote({
      id: 'note-2',
      sessionId: 'session-1',
      clientId: 'client-1',
      template: soap,
      now: '2026-03-05T14:00:00.000Z',
    });
    await a.put('note', draft.id, draft);
    await cross();
    const signed: Note = {
      ...note,
      status: 'signed',
      signed: { at: '2026-03-05T14:30:00.000Z', by: 'Dr Rivera', contentHash: 'ab'.repeat(32) },
      updatedAt: '2026-03-05T14:30:00.000Z',
    };
    await a.put('note', note.id, signed);
    await b.put('note', note.id, { ...note, plan: 'Laptop afterthought.' });
    await a.put('note', draft.id, { ...draft, plan: 'Office plan' });
    await b.put('note', draft.id, { ...draft, plan: 'Laptop plan' });
    await cross();
    expect(
      a
        .conflicts()
        .map((c) => c.id)
        .sort(),
    ).toEqual(['note-1', 'note-2']);
    await a.settled();
    const office = serviceOver(a);
    const before = await folderBytes(a.dir);
    for (let i = 0; i < 3; i++) {
      const listed = await office.conflicts();
      expect(listed.available && listed.value.conflicts.map((c) => c.id)).toEqual(['note-2']);
      const status = await office.status();
      expect(status.available && status.value.conflicts).toBe(1);
    }
    await a.settled();
    expect(await folderBytes(a.dir)).toEqual(before);
    // The explicit step is what writes.
    expect(await office.settleSigned()).toBe(true);
    await a.settled();
    expect(await folderBytes(a.dir)).not.toEqual(before);
    expect(await office.settleSigned()).toBe(false);
    await a.lock();
    await b.lock();
  });

  it('keeps two clients created with the same code on two computers', async () => {
    const { a, b, cross } = await twoComputers();
    const now = '2026-03-05T14:00:00.000Z';
    const client = (id: string) => ({
      id,
      code: 'C-014',
      displayName: '',
      status: 'active',
      createdAt: now,
      updatedAt: now,
    });
    await a.put('client', 'client-a', client('client-a'));
    await b.put('client', 'client-b', client('client-b'));
    await cross();
    for (const v of [a, b]) {
      expect((await v.getAll<{ code: string }>('client')).map((c) => c.value.code)).toEqual([
        'C-014',
        'C-014',
      ]);
      expect(v.conflicts()).toEqual([]);
    }
    await a.lock();
    await b.lock();
  });

  it('reports who else has the vault open, what they are editing, the problems with what to do, and renames this computer', async () => {
    const { a, b, cross } = await twoComputers();
    const office = serviceOver(a);
    const laptop = serviceOver(b, 'Laptop');
    expect(await laptop.setEditing([{ kind: 'note', id: 'note-1' }])).toEqual({
      available: true,
      value: null,
    });
    await cross();
    const status = await office.status();
    if (!status.available) throw new Error('format 2 expected');
    expect(status.value.deviceName).toBe('Office iMac');
    expect(status.value.others.map((o) => o.name)).toEqual(['Laptop']);
    expect(status.value.conflicts).toBe(0);
    expect(status.value.problems).toEqual([]);
    const elsewhere = await office.editingElsewhere('note', 'note-1');
    expect(elsewhere.available && elsewhere.value.map((e) => e.name)).toEqual(['Laptop']);
    const none = await office.editingElsewhere('note', 'note-2');
    expect(none.available && none.value).toEqual([]);
    expect(await office.renameDevice('Front desk PC')).toEqual({
      available: true,
      value: { deviceName: 'Front desk PC' },
    });
    const renamed = await office.status();
    expect(renamed.available && renamed.value.deviceName).toBe('Front desk PC');
    await a.lock();
    await b.lock();
  });

  it('answers not-available for a format-1 vault', async () => {
    const service = serviceOver(null);
    const expected = { available: false, message: expect.stringMatching(/format 1, for one computer/) };
    expect(await service.conflicts()).toEqual(expected);
    expect(await service.status()).toEqual(expected);
    expect(await service.renameDevice('Laptop')).toEqual(expected);
    expect(await service.editingElsewhere('note', 'n')).toEqual(expected);
    expect(await service.setEditing([])).toEqual(expected);
    expect(await service.resolve('note', 'n', { type: 'version', versionId: `${A}:1:0` })).toEqual(expected);
  });
});
