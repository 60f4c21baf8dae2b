import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPORT_VERSION } from '../../../main/services/exchange/exportFileSchema';
import { exportVault } from '../../../main/services/exchange/exportVault';
import { checkImport, importIntoVault } from '../../../main/services/exchange/importIntoVault';
import { MIGRATION_STEPS, migrateExportFile } from '../../../main/services/exchange/migrateExportFile';
import { contentHashOf } from '../../../main/services/NoteService';
import { type Note, noteSchema } from '../../../shared/domain/noteSchema';
import type { Measure } from '../../../shared/measures/measureSchema';
import { tempDir } from '../helpers/tempDir';
import { makeVault, withOpenVault } from './cliTestKit';

/** The documented example file, whose one session the measures below belong to. */
async function docExample(): Promise<Record<string, unknown>> {
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as Record<string, unknown>;
}

/** The example as Attune wrote it before measures existed: version 1, no `measures` key. */
async function versionOneFile(): Promise<Record<string, unknown>> {
  const { measures: _m, treatmentPlans: _t, diagnoses: _d, safetyPlans: _s, ...rest } = await docExample();
  const notes = (rest.notes as Note[]).map(({ goalProgress: _g, risk: _r, ...note }) => {
    const old = { ...note, addenda: note.addenda.map(({ type: _t, reason: _w, ...a }) => a) };
    // Signed before issue 15: the hash of the note without goals or risk.
    return { ...old, signed: { ...old.signed!, contentHash: contentHashOf(noteSchema.parse(old)) } };
  });
  return { ...rest, notes, version: 1 };
}

const gad7 = (overrides: Partial<Measure> = {}): Measure => ({
  id: 'm-gad7',
  clientId: 'c-014',
  sessionId: 's-2025-03-14-c014',
  instrument: 'gad7',
  answers: { q1: 1, q2: 1, q3: 2, q4: 1, q5: 0, q6: 0, q7: 1 },
  status: 'complete',
  administeredAt: '2025-03-14T09:00:00.000Z',
  enteredBy: 'therapist',
  updatedAt: '2025-03-14T09:05:00.000Z',
  ...overrides,
});

describe('interchange format version 2: measures', () => {
  it('imports a version 1 file (written before measures) as one with no measures', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const old = await versionOneFile();
    const result = await withOpenVault(dir, (v) => importIntoVault(v, old));
    expect(result).toMatchObject({ clients: 1, sessions: 1, notes: 1, processNotes: 1, measures: 0 });
    const exported = await withOpenVault(dir, (v) => exportVault(v, { includeProcessNotes: true }));
    expect(exported.version).toBe(EXPORT_VERSION);
    expect(exported.measures).toEqual([]);
    expect(exported.notes).toHaveLength(1);
  });

  it('round-trips measures: imported from the file, exported again equal', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const file = await docExample();
    const withGad = { ...file, measures: [...(file.measures as Measure[]), gad7()] };
    const result = await withOpenVault(dir, (v) => importIntoVault(v, withGad));
    expect(result.measures).toBe(2);
    const exported = await withOpenVault(dir, (v) => exportVault(v, { includeProcessNotes: false }));
    // Sorted by time, then instrument: the GAD-7 before the PHQ-9 of the same session.
    expect(exported.measures.map((m) => m.instrument)).toEqual(['gad7', 'phq9']);
    expect(exported.measures[0]).toEqual(gad7());
    const audit = await withOpenVault(dir, (v) => v.readAudit());
    expect(audit.filter((e) => e.type === 'import')[0]!.detail).toMatchObject({ measures: 2 });
  });

  it('reports a measure whose session is missing, whose client is wrong, or that a session already has', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const file = await docExample();
    const problems = async (measures: Measure[]) =>
      (await withOpenVault(dir, (v) => checkImport(v, { ...file, measures }))).problems;
    expect(await problems([gad7({ sessionId: 's-none' })])).toEqual([
      { path: 'measures[0].sessionId', message: 'No session with id “s-none” in the file or the vault.' },
    ]);
    expect(await problems([gad7({ clientId: 'c-other' })])).toEqual([
      { path: 'measures[0].clientId', message: 'The measure’s client is not the client of its session.' },
    ]);
    expect(await problems([gad7(), gad7({ id: 'm-gad7-again' })])).toEqual([
      { path: 'measures[1].instrument', message: 'That session already has this measure: measures[0].' },
    ]);
    expect((await problems([gad7({ answers: { q1: 9 } })])).map((p) => p.path)).toContain(
      'measures[0].answers.q1',
    );

    await withOpenVault(dir, (v) => importIntoVault(v, { ...file, measures: [gad7()] }));
    const second = {
      ...file,
      ...{ clients: [], sessions: [], notes: [], processNotes: [], templates: [] },
      ...{ treatmentPlans: [], diagnoses: [], safetyPlans: [] },
    };
    const again = await withOpenVault(dir, (v) =>
      checkImport(v, { ...second, measures: [gad7({ id: 'm-2' })] }),
    );
    expect(again.problems).toEqual([
      {
        path: 'measures[0].instrument',
        message: 'That session already has this measure in the vault; a session has one of each.',
      },
    ]);
  });

  it('has one migration step per version before the current one', () => {
    expect(MIGRATION_STEPS + 1).toBe(EXPORT_VERSION);
    const newLists = { treatmentPlans: [], diagnoses: [], safetyPlans: [] };
    expect(migrateExportFile({ version: 1, clients: [] }, 1)).toEqual({
      version: 3,
      clients: [],
      measures: [],
      ...newLists,
    });
    expect(migrateExportFile({ version: 2, measures: [] }, 2)).toEqual({
      version: 3,
      measures: [],
      ...newLists,
    });
    const current = { version: 3, measures: [], ...newLists };
    expect(migrateExportFile(current, 3)).toBe(current);
  });
});
