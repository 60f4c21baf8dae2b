import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createBackend } from '../../../main/ipc/createBackend';
import type { Note } from '../../../shared/domain/noteSchema';
import { tempDir } from '../helpers/tempDir';
import {
  clientInput,
  clientWithNote,
  expectKind,
  filledDraft,
  hashTree,
  makeVault,
  openServices,
  PASS,
  sessionInput,
} from '../services/serviceKit';

const PROCESS_SENTENCE = 'My own countertransference flared when she mentioned her father';
const ADDENDUM = 'Late entry: the client phoned to confirm next week.';
/** Stands in for the shell's printToPDF: a tiny PDF, so the service's handling is what is tested. */
const fakePrint = async () => new TextEncoder().encode('%PDF-1.7\n% record\n%%EOF\n');

/** A client with a signed note (process note, addendum, feedback), a draft note, and another client. */
async function recordVault() {
  const harness = await openServices();
  const { services } = harness;
  const { client, note } = await clientWithNote(services, 'C-01');
  await services.notes.saveDraft(note.id, filledDraft());
  await services.processNotes.save(note.id, PROCESS_SENTENCE);
  await services.notes.sign(note.id);
  await services.notes.addAddendum(note.id, {
    type: 'clarification',
    reason: 'Added after signing.',
    text: ADDENDUM,
  });
  const second = await services.sessions.create(sessionInput(client.id, '2025-03-21T09:00:00Z'));
  const draft = await services.notes.create(second.id, 'soap');
  await services.notes.saveDraft(draft.id, filledDraft({ subjective: 'A draft sentence not yet signed.' }));
  const other = await services.clients.create(clientInput('C-02'));
  const otherSession = await services.sessions.create(sessionInput(other.id));
  await services.notes.create(otherSession.id, 'soap');
  return { ...harness, client, note, draft, other };
}

describe('records export', () => {
  it('exports a client record as PDF and JSON without process notes, drafts or other clients, and audits it', async () => {
    const { services, session, client, note } = await recordVault();
    const folder = await tempDir('attune-records-');
    const result = await services.records.exportClient(client.id, folder, fakePrint);
    expect(result).toMatchObject({ sessions: 2, notes: 1, addenda: 1, feedback: 1 });
    expect(result.pdfPath).toBe(join(folder, 'C-01-record-2025-03-14.pdf'));
    expect(result.jsonPath).toBe(join(folder, 'C-01-record-2025-03-14.json'));
    expect((await readFile(result.pdfPath)).subarray(0, 5).toString()).toBe('%PDF-');

    const text = await readFile(result.jsonPath, 'utf8');
    expect(text).not.toContain(PROCESS_SENTENCE);
    expect(text).not.toContain('A draft sentence not yet signed.');
    expect(text).toContain(ADDENDUM);
    const file = JSON.parse(text);
    expect(file).toMatchObject({ format: 'attune-export', version: 3 });
    expect(file.processNotes).toBeUndefined();
    expect(file.clients.map((c: { code: string }) => c.code)).toEqual(['C-01']);
    expect(file.notes.map((n: Note) => n.id)).toEqual([note.id]);
    expect(file.sessions).toHaveLength(2);

    const audit = (await session.vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit.at(-1)?.detail).toEqual({
      what: 'client-record',
      clientId: client.id,
      formats: 'pdf,json',
      sessions: 2,
      notes: 1,
      addenda: 1,
      feedback: 1,
      treatmentPlans: 0,
      diagnoses: 0,
      safetyPlan: false,
      processNotesIncluded: false,
    });
    expect(JSON.stringify(audit)).not.toContain('Felt flat');

    // A second export never replaces the first.
    const again = await services.records.exportClient(client.id, folder, fakePrint);
    expect(again.pdfPath).toBe(join(folder, 'C-01-record-2025-03-14-2.pdf'));
    expect((await readdir(folder)).sort()).toHaveLength(4);
  });

  it('the client record JSON imports into another vault', async () => {
    const { services, client } = await recordVault();
    const folder = await tempDir('attune-records-');
    const { jsonPath } = await services.records.exportClient(client.id, folder, fakePrint);
    const other = await openServices();
    const summary = await other.services.records.previewImport(jsonPath);
    expect(summary).toMatchObject({ valid: true, conflicts: 0, problems: [] });
    expect(summary.counts).toMatchObject({ clients: 1, sessions: 2, notes: 1 });
    // A client record never holds process notes: none are said, not "0 process notes".
    expect(summary.counts.processNotes).toBeUndefined();
    await other.services.records.importFile(jsonPath);
    expect((await other.services.clients.list()).map((c) => c.code)).toEqual(['C-01']);
  });

  it('carries the custom rupture vocabulary the notes use, and no other setting', async () => {
    const { services } = await openServices();
    const marker = {
      id: 'arrives-late',
      type: 'withdrawal' as const,
      label: 'Arrives late',
      description: '',
    };
    await services.settings.update({
      ruptureVocabulary: { markers: [marker], strategies: [] },
      autoLockMinutes: 42,
    });
    const { client, note } = await clientWithNote(services, 'C-07');
    const draft = filledDraft();
    draft.ruptures[0]!.markers = ['arrives-late'];
    await services.notes.saveDraft(note.id, draft);
    await services.notes.sign(note.id);
    const folder = await tempDir('attune-records-');
    const { jsonPath } = await services.records.exportClient(client.id, folder, fakePrint);
    const file = JSON.parse(await readFile(jsonPath, 'utf8'));
    expect(file.settings.ruptureVocabulary.markers).toEqual([marker]);
    expect(file.settings.autoLockMinutes).toBe(10);
    expect(file.settings.clinicianName).toBe('');

    const other = await openServices();
    await other.services.records.importFile(jsonPath);
    expect((await other.services.settings.get()).ruptureVocabulary.markers).toEqual([marker]);
  });

  it('saves one signed note as a PDF and refuses a draft', async () => {
    const { services, session, note, draft, client } = await recordVault();
    const folder = await tempDir('attune-records-');
    const message = await expectKind(
      services.records.saveNotePdf(draft.id, folder, fakePrint),
      'invalid-input',
    );
    expect(message).toMatch(/Only a signed note can be printed/);
    expect(await readdir(folder)).toEqual([]);
    await expectKind(services.records.get(client.id, draft.id), 'invalid-input');

    const set = await services.records.get(client.id, note.id);
    expect(set.notes.map((n) => n.id)).toEqual([note.id]);
    expect(set.sessions).toHaveLength(1);
    expect(JSON.stringify(set)).not.toContain(PROCESS_SENTENCE);

    const { path } = await services.records.saveNotePdf(note.id, folder, fakePrint);
    expect(path).toBe(join(folder, 'C-01-note-2025-03-14.pdf'));
    const second = await services.records.saveNotePdf(note.id, folder, fakePrint);
    expect(second.path).toBe(join(folder, 'C-01-note-2025-03-14-2.pdf'));
    const audit = (await session.vault.readAudit()).filter((e) => e.type === 'export');
    expect(audit.at(-1)?.detail).toEqual({
      what: 'note',
      format: 'pdf',
      clientId: client.id,
      noteId: note.id,
      addenda: 1,
    });
  });

  it('refuses a folder inside the vault, a missing folder, and a print that is not a PDF', async () => {
    const { services, client, location } = await recordVault();
    expect(
      await expectKind(
        services.records.exportClient(client.id, join(location, 'records'), fakePrint),
        'invalid-input',
      ),
    ).toMatch(/outside the vault folder/);
    const folder = await tempDir('attune-records-');
    await expectKind(services.records.exportAll(join(folder, 'gone'), false), 'not-found');
    const notPdf = async () => new TextEncoder().encode('<html>');
    await expectKind(services.records.exportClient(client.id, folder, notPdf), 'io');
    expect(await readdir(folder)).toEqual([]);
  });
});

describe('full export and import', () => {
  it('exports everything, leaves process notes out unless asked, and imports with a summary first', async () => {
    const { services } = await recordVault();
    const folder = await tempDir('attune-records-');
    const plain = await services.records.exportAll(folder, false);
    expect(plain.path).toBe(join(folder, 'attune-export-2025-03-14.json'));
    expect(await readFile(plain.path, 'utf8')).not.toContain(PROCESS_SENTENCE);
    // Left out, not "0 process notes": Settings says the export is without them.
    expect(plain.counts).toMatchObject({ clients: 2, sessions: 3, notes: 3 });
    expect(plain.counts.processNotes).toBeUndefined();
    const withProcess = await services.records.exportAll(folder, true);
    expect(withProcess.path).toBe(join(folder, 'attune-export-2025-03-14-2.json'));
    expect(await readFile(withProcess.path, 'utf8')).toContain(PROCESS_SENTENCE);

    const target = await openServices();
    const summary = await target.services.records.previewImport(withProcess.path);
    expect(summary).toMatchObject({
      valid: true,
      conflicts: 0,
      problems: [],
      counts: { clients: 2, sessions: 3, notes: 3, processNotes: 1, templates: 0 },
    });
    // The preview changed nothing.
    expect(await target.services.clients.list()).toEqual([]);
    const imported = await target.services.records.importFile(withProcess.path);
    expect(imported).toMatchObject({ clients: 2, sessions: 3, notes: 3, processNotes: 1 });
    // Read through the services, whose cache saw the import.
    expect((await target.services.clients.list()).map((c) => c.code).sort()).toEqual(['C-01', 'C-02']);
    const hits = await target.services.search.search('manager', 10);
    expect(hits.total).toBe(1);

    // The same file again: every record conflicts, nothing is imported.
    const twice = await target.services.records.previewImport(withProcess.path);
    expect(twice.valid).toBe(false);
    expect(twice.conflicts).toBe(9);
    expect(twice.problems[0]?.message).toMatch(/already in the vault/);
  });

  it('changes nothing when any part of the file is invalid, and lists the problems', async () => {
    const { services } = await recordVault();
    const folder = await tempDir('attune-records-');
    const { path } = await services.records.exportAll(folder, false);
    const file = JSON.parse(await readFile(path, 'utf8'));
    file.notes[1].sessionId = 'no-such-session';
    const broken = join(folder, 'broken.json');
    await writeFile(broken, JSON.stringify(file));

    const target = await openServices();
    const before = await hashTree(target.location);
    const summary = await target.services.records.previewImport(broken);
    expect(summary.valid).toBe(false);
    expect(summary.counts).toMatchObject({ clients: 2, sessions: 3, notes: 3 });
    expect(summary.problems).toEqual([
      { path: 'notes[1].sessionId', message: expect.stringMatching(/no-such-session/) },
    ]);
    expect(await expectKind(target.services.records.importFile(broken), 'invalid-input')).toMatch(
      /nothing was imported/,
    );
    expect(await target.services.clients.list()).toEqual([]);
    expect(await hashTree(target.location)).toEqual(before);
  });

  it('refuses a file that is not UTF-8 and names the byte offset', async () => {
    const target = await openServices();
    const folder = await tempDir('attune-records-');
    const path = join(folder, 'latin1.json');
    await writeFile(
      path,
      Buffer.concat([
        Buffer.from('{"format": "attune-export", "x": "caf'),
        Buffer.from([0xe9]),
        Buffer.from('"}'),
      ]),
    );
    expect(await expectKind(target.services.records.previewImport(path), 'invalid-input')).toMatch(
      /not valid UTF-8: the byte at offset 37 \(line 1\)/,
    );
  });
});

describe('records through the router', () => {
  it('saves only into a folder the user chose with the dialog, and prints with the record layout', async () => {
    const { dataDir } = await makeVault();
    const folder = await tempDir('attune-records-');
    const layouts: string[] = [];
    const backend = createBackend({
      dataDir,
      emit: () => undefined,
      version: 'test',
      chooseFolder: async () => folder,
      printToPdf: async (layout) => {
        layouts.push(layout);
        return fakePrint();
      },
    });
    onTestFinished(() => backend.dispose());
    const { call } = backend.router;
    expect(await call('vault:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    const made = await call('clients:create', clientInput('C-09'));
    if (!made.ok) throw new Error(made.error.message);
    const clientId = (made.value as { id: string }).id;

    expect(await call('records:exportClient', { clientId, folder })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringMatching(/Choose the folder again/) },
    });
    expect(
      await call('records:exportAll', { folder: 'relative/path', includeProcessNotes: false }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input' },
    });
    expect(await readdir(folder)).toEqual([]);

    expect(await call('files:chooseFolder', { purpose: 'export-to' })).toEqual({
      ok: true,
      value: { path: folder },
    });
    expect(await call('records:exportClient', { clientId, folder })).toMatchObject({ ok: true });
    expect(layouts).toEqual(['record']);
    expect((await readdir(folder)).sort()).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^C-09-record-.*\.pdf$/),
        expect.stringMatching(/\.json$/),
      ]),
    );
  });
});
