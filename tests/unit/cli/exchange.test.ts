import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemo } from '../../../main/services/demo/generateDemo';
import { writeDemo } from '../../../main/services/demo/writeDemo';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { importIntoVault } from '../../../main/services/exchange/importIntoVault';
import type { Vault } from '../../../main/vault/Vault';
import type { Note } from '../../../shared/domain/noteSchema';
import { type Settings, settingsSchema } from '../../../shared/domain/settingsSchema';
import { builtInTemplate, deriveTemplate } from '../../../shared/domain/templates';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, withOpenVault } from './cliTestKit';

const kinds = ['client', 'session', 'note', 'process-note', 'measure', 'template', 'setting'];

/** A demo caseload plus what demo data lacks: a user template and a custom rupture marker in use. */
async function fillRich(vault: Vault): Promise<void> {
  const data = generateDemo({ clients: 3, sessionsPerClient: 4, seed: 7 });
  data.settings.ruptureVocabulary.markers.push({
    id: 'goes-quiet-on-video',
    type: 'withdrawal',
    label: 'Goes quiet on video',
    description: 'Camera off or long silences in video sessions.',
  });
  const template = deriveTemplate(builtInTemplate('soap')!, 'SOAP, short', { id: 'tpl-short' });
  const draft = data.notes.find((n) => n.status === 'draft')!;
  draft.templateId = template.id;
  draft.ruptures = [
    {
      id: 'r-custom',
      minute: 20,
      type: 'withdrawal',
      markers: ['goes-quiet-on-video', 'minimal-response'],
      therapistMarkers: [],
      salience: 2,
      followedLapseOf: ['rhythmic'],
      context: 'Turned the camera off after I asked about the weekend.',
      strategies: ['invite-discussion'],
      outcome: 'resolved',
      repairMinute: 24,
      clientResponse: 'Turned it back on and said it had felt like too much.',
    },
  ];
  const bare = data.notes.find((n) => !data.processNotes.some((p) => p.noteId === n.id))!;
  data.processNotes.push({
    id: bare.id,
    noteId: bare.id,
    sessionId: bare.sessionId,
    clientId: bare.clientId,
    text: 'Private: I noticed I wanted to rescue; take to supervision.',
    updatedAt: bare.updatedAt,
  });
  await writeDemo(vault, data, { batchSize: 10 });
  await vault.put('template', template.id, template);
  const session = data.sessions[0]!;
  const q = { q1: 1, q2: 2, q3: 1, q4: 1, q5: 0, q6: 1, q7: 0, q8: 0, q9: 1, difficulty: 1 };
  await vault.put('measure', 'm-phq9', {
    ...{ id: 'm-phq9', clientId: session.clientId, sessionId: session.id, instrument: 'phq9', answers: q },
    ...{
      status: 'complete',
      administeredAt: session.startsAt,
      enteredBy: 'client',
      updatedAt: session.startsAt,
    },
  });
}

async function allRecords(dir: string): Promise<Record<string, unknown[]>> {
  return withOpenVault(dir, async (vault) => {
    const out: Record<string, unknown[]> = {};
    for (const kind of kinds) {
      out[kind] = (await vault.getAll<{ id: string }>(kind))
        .map((r) => r.value)
        .sort((a, b) => (a.id < b.id ? -1 : 1));
    }
    return out;
  });
}

const withoutTime = ({ exportedAt: _, ...rest }: ExportFile) => rest;

describe('attune export and import', () => {
  it('round-trips a vault through a file into a fresh vault, records equal', async () => {
    const root = await tempDir();
    const source = await makeVault(join(root, 'a'), fillRich);
    const target = await makeVault(join(root, 'b'));
    const file = join(root, 'export.json');

    const exported = await cli([
      'export',
      source,
      '--format',
      'json',
      '--out',
      file,
      '--include-process-notes',
    ]);
    expect(exported.code).toBe(0);
    const imported = await cli(['import', target, file]);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.out).toMatch(
      /Imported 3 clients, 12 sessions, 12 notes, \d+ process notes?, 1 measure, 1 template; settings: imported\./,
    );

    expect(await allRecords(target)).toEqual(await allRecords(source));
    const again = join(root, 'again.json');
    expect((await cli(['export', target, '--out', again, '--include-process-notes'])).code).toBe(0);
    const first = JSON.parse(await readFile(file, 'utf8')) as ExportFile;
    const second = JSON.parse(await readFile(again, 'utf8')) as ExportFile;
    expect(withoutTime(second)).toEqual(withoutTime(first));
    expect(first.processNotes!.length).toBeGreaterThan(0);
    expect(first.settings!.ruptureVocabulary.markers.map((m) => m.id)).toContain('goes-quiet-on-video');
  });

  it('leaves process notes out unless asked, and audits which it did', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'), fillRich);
    const processTexts = await withOpenVault(vault, async (v) =>
      (await v.getAll<{ text: string }>('process-note')).map((r) => r.value.text),
    );
    expect(processTexts.length).toBeGreaterThan(0);

    const plain = await cli(['export', vault]);
    expect(plain.code).toBe(0);
    const file = JSON.parse(plain.out) as ExportFile;
    expect(file).not.toHaveProperty('processNotes');
    for (const text of processTexts) expect(plain.out).not.toContain(JSON.stringify(text).slice(1, -1));
    expect(plain.err).toContain('not encrypted');

    const full = JSON.parse((await cli(['export', vault, '--include-process-notes'])).out) as ExportFile;
    expect(full.processNotes!.map((p) => p.text).sort()).toEqual([...processTexts].sort());

    const audit = await withOpenVault(vault, (v) => v.readAudit());
    const exports = audit.filter((e) => e.type === 'export').map((e) => e.detail.processNotesIncluded);
    expect(exports).toEqual([false, true]);
  });

  it('writes --out readable by the owner only, never inside the vault, and json only', async () => {
    const root = await tempDir();
    const vault = await makeVault(join(root, 'v'));
    const out = join(root, 'out.json');
    const result = await cli(['export', vault, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.out).toContain(`Written to ${out}`);
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ format: 'attune-export', version: 3 });

    const inside = await cli(['export', vault, '--out', join(vault, 'records', 'x.json')]);
    expect(inside.code).toBe(2);
    expect(inside.err).toContain('outside the vault folder');
    const csv = await cli(['export', vault, '--format', 'csv']);
    expect(csv).toMatchObject({
      code: 2,
      err: 'attune: Unknown export format “csv”: only json is supported.',
    });
    expect((await cli(['export', vault, '--out', join(root, 'missing', 'x.json')])).code).toBe(2);
  });
});

describe('docs/interchange-format.md', () => {
  it('has an example that imports as it stands', async () => {
    const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const root = await tempDir();
    const file = join(root, 'example.json');
    await writeFile(file, example!);
    const result = await cli(['import', await makeVault(join(root, 'v')), file]);
    expect(result).toMatchObject({
      code: 0,
      out:
        'Imported 1 client, 1 session, 1 note, 1 process note, 1 measure, 2 treatment plan versions, ' +
        '1 diagnosis, 1 safety plan, 1 template; settings: imported.',
    });
  });
});

describe('importing settings', () => {
  const fileWith = (settings: Settings): ExportFile => ({
    format: 'attune-export',
    version: 3,
    exportedAt: '2025-06-01T10:00:00.000Z',
    clients: [],
    sessions: [],
    notes: [] as Note[],
    measures: [],
    treatmentPlans: [],
    diagnoses: [],
    safetyPlans: [],
    templates: [],
    settings,
  });
  const custom = (id: string, type: 'withdrawal' | 'confrontation') => ({
    id,
    type,
    label: `Marker ${id}`,
    description: '',
  });

  it('keeps the vault’s own settings and adds the file’s custom vocabulary', async () => {
    const root = await tempDir();
    const own = settingsSchema.parse({
      clinicianName: 'Me',
      ruptureVocabulary: { markers: [custom('mine', 'withdrawal')] },
    });
    const dir = await makeVault(join(root, 'v'), (v) =>
      v.put('setting', 'settings', own).then(() => undefined),
    );
    const incoming = settingsSchema.parse({
      clinicianName: 'Them',
      ruptureVocabulary: { markers: [custom('theirs', 'confrontation')] },
    });

    const result = await withOpenVault(dir, (v) => importIntoVault(v, fileWith(incoming)));
    expect(result.settings).toBe('merged');
    const stored = await withOpenVault(dir, (v) => v.get<Settings>('setting', 'settings'));
    expect(stored.clinicianName).toBe('Me');
    expect(stored.ruptureVocabulary.markers.map((m) => m.id)).toEqual(['mine', 'theirs']);
  });

  it('refuses a custom marker whose id means something else in the vault', async () => {
    const root = await tempDir();
    const own = settingsSchema.parse({ ruptureVocabulary: { markers: [custom('shared-id', 'withdrawal')] } });
    const dir = await makeVault(join(root, 'v'), (v) =>
      v.put('setting', 'settings', own).then(() => undefined),
    );
    const incoming = settingsSchema.parse({
      ruptureVocabulary: { markers: [custom('shared-id', 'confrontation')] },
    });

    await expect(withOpenVault(dir, (v) => importIntoVault(v, fileWith(incoming)))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringContaining('settings.ruptureVocabulary.markers[0].type'),
    });
  });
});
