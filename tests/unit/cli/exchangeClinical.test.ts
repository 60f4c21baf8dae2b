import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ExportFile,
  EXPORT_VERSION,
  exportFileSchema,
} from '../../../main/services/exchange/exportFileSchema';
import { exportVault } from '../../../main/services/exchange/exportVault';
import { checkImport, importIntoVault } from '../../../main/services/exchange/importIntoVault';
import { kinds } from '../../../main/services/RecordStore';
import type { Diagnosis } from '../../../shared/domain/diagnosisSchema';
import type { SafetyPlan } from '../../../shared/domain/riskSchema';
import type { TreatmentPlan } from '../../../shared/domain/treatmentPlanSchema';
import { tempDir } from '../helpers/tempDir';
import { cli, makeVault, withOpenVault } from './cliTestKit';

/**
 * The documented example (docs/interchange-format.md): two plan versions (1 signed, 2 a draft
 * revising it), a diagnosis, a safety plan, and a signed note with progress on two goals, a risk
 * section and a typed addendum.
 */
async function docExample(): Promise<ExportFile> {
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  return JSON.parse(/```json\n([\s\S]*?)\n```/.exec(doc)![1]!) as ExportFile;
}

const fixtureV2 = join(__dirname, '../../fixtures/export-v2/export-v2.json');
const clinicalKinds = [kinds.treatmentPlan, kinds.diagnosis, kinds.safetyPlan, kinds.note];

/** Every record of the vault's kinds, by kind, for "nothing changed" checks. */
const snapshot = (dir: string) =>
  withOpenVault(dir, async (v) =>
    Object.fromEntries(
      await Promise.all(
        [kinds.client, kinds.session, ...clinicalKinds].map(async (k) => [k, await v.getAll(k)] as const),
      ),
    ),
  );

describe('interchange format version 3: treatment plans, diagnoses, safety plans', () => {
  it('round-trips the example: file → vault → file equal, and again through a second vault', async () => {
    const example = await docExample();
    expect(example.version).toBe(EXPORT_VERSION);
    expect(example.treatmentPlans.map((p) => [p.version, p.status])).toEqual([
      [1, 'signed'],
      [2, 'draft'],
    ]);
    expect(example.notes[0]!.goalProgress).toHaveLength(2);
    expect(example.notes[0]!.risk?.level).toBe('low');
    expect(example.notes[0]!.addenda[0]?.type).toBe('clarification');

    const first = await makeVault(join(await tempDir(), 'a'));
    const result = await withOpenVault(first, (v) => importIntoVault(v, example));
    expect(result).toMatchObject({ treatmentPlans: 2, diagnoses: 1, safetyPlans: 1, notes: 1 });
    expect(result.notices).toEqual([]);
    const stored = await withOpenVault(first, (v) =>
      v.get<TreatmentPlan>(kinds.treatmentPlan, 'plan-c014-1'),
    );
    expect(stored.signed?.contentHash).toBe(example.treatmentPlans[0]!.signed?.contentHash);

    const exported = await withOpenVault(first, (v) =>
      exportVault(v, { includeProcessNotes: true, now: example.exportedAt }),
    );
    // The example leaves out fields that have defaults (`unrated`, settings added later): as read.
    const asRead = JSON.parse(JSON.stringify(exportFileSchema.parse(example)));
    expect(JSON.parse(JSON.stringify(exported))).toEqual(asRead);

    const second = await makeVault(join(await tempDir(), 'b'));
    await withOpenVault(second, (v) => importIntoVault(v, exported));
    const again = await withOpenVault(second, (v) =>
      exportVault(v, { includeProcessNotes: true, now: example.exportedAt }),
    );
    expect(again).toEqual(exported);
    const audit = await withOpenVault(second, (v) => v.readAudit());
    expect(audit.find((e) => e.type === 'import')!.detail).toMatchObject({
      treatmentPlans: 2,
      diagnoses: 1,
      safetyPlans: 1,
    });
  });

  it('imports a version 2 file (written before issue 15) with no plans, diagnoses or safety plans', async () => {
    const v2 = JSON.parse(await readFile(fixtureV2, 'utf8')) as Record<string, unknown>;
    expect(v2.version).toBe(2);
    expect('treatmentPlans' in v2).toBe(false);
    const dir = await makeVault(join(await tempDir(), 'v'));
    const result = await cli(['import', dir, fixtureV2]);
    expect(result).toMatchObject({
      code: 0,
      out:
        // Kinds a file has none of are left out, as Settings' import says it (countsText).
        'Imported 1 client, 1 session, 1 note, 1 process note, 1 measure, 1 template; settings: imported.',
    });
    const exported = await withOpenVault(dir, (v) => exportVault(v, { includeProcessNotes: false }));
    expect(exported.version).toBe(3);
    expect([exported.treatmentPlans, exported.diagnoses, exported.safetyPlans]).toEqual([[], [], []]);
    // Its note reads with no goals addressed and no risk section; its signature still verifies.
    expect(exported.notes[0]).toMatchObject({ status: 'signed', goalProgress: [], risk: null });
  });

  it('refuses malformed plans, diagnoses and safety plans with their paths, and imports nothing', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const before = await snapshot(dir);
    const example = await docExample();
    const [v1, v2] = example.treatmentPlans as [TreatmentPlan, TreatmentPlan];
    const dx = example.diagnoses[0]!;
    const safety = example.safetyPlans[0]!;
    const broken = {
      ...example,
      treatmentPlans: [
        { ...v1, goals: [{ ...v1.goals[0]!, text: 'Changed after signing' }, v1.goals[1]!] },
        { ...v2, revises: 'plan-nowhere' },
        { ...v2, id: 'plan-c014-2b', clientId: 'c-nobody' },
        { ...v2, id: 'plan-c014-2c' },
      ],
      diagnoses: [dx, { ...dx, id: 'dx-2', code: 'F4' }, { ...dx, id: 'dx-3', endedOn: '2024-01-01' }],
      safetyPlans: [safety, { ...safety, id: 'sp-again' }],
    };
    const { problems } = await withOpenVault(dir, (v) => checkImport(v, broken));
    // Schema problems come first and stop the reference checks: two diagnoses here, the second
    // with both end-date problems (a current diagnosis with an end date, and one before it began).
    expect(problems).toEqual([
      {
        path: 'diagnoses[1].code',
        message: 'Enter an ICD-10-CM code such as F41.1 or Z63.0.',
      },
      {
        path: 'diagnoses[2].endedOn',
        message:
          'An active or provisional diagnosis has no end date: clear the end date, or mark it resolved or ruled out.',
      },
      { path: 'diagnoses[2].endedOn', message: 'The end date can’t be before the diagnosis date.' },
    ]);
    const withoutSchemaProblems = { ...broken, diagnoses: [dx] };
    const refs = (await withOpenVault(dir, (v) => checkImport(v, withoutSchemaProblems))).problems;
    expect(refs).toEqual([
      {
        path: 'treatmentPlans[0].signed.contentHash',
        message: 'The signed plan was changed after signing: its hash does not match.',
      },
      {
        path: 'treatmentPlans[1].revises',
        message: 'No plan version with id “plan-nowhere” in the file or the vault.',
      },
      {
        path: 'treatmentPlans[2].clientId',
        message: 'No client with id “c-nobody” in the file or the vault.',
      },
      { path: 'treatmentPlans[2].revises', message: 'A plan can only revise a plan of the same client.' },
      {
        path: 'treatmentPlans[3].version',
        message: 'This client already has a plan version 2 (treatmentPlans[1]).',
      },
      {
        path: 'safetyPlans[1].clientId',
        message: 'This client already has a safety plan (safetyPlans[0]); a client has one.',
      },
    ]);
    await expect(withOpenVault(dir, (v) => importIntoVault(v, withoutSchemaProblems))).rejects.toMatchObject({
      kind: 'invalid-input',
      message: expect.stringContaining('treatmentPlans[0].signed.contentHash: The signed plan was changed'),
    });
    expect(await snapshot(dir)).toEqual(before);
  });

  it('checks plans, diagnoses and safety plans against the vault too', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const example = await docExample();
    await withOpenVault(dir, (v) => importIntoVault(v, example));
    const [v1] = example.treatmentPlans as [TreatmentPlan];
    const later = {
      ...example,
      ...{ clients: [], sessions: [], notes: [], processNotes: [], measures: [], templates: [] },
      treatmentPlans: [{ ...v1, id: 'plan-other', goals: v1.goals, signed: undefined, status: 'draft' }],
      diagnoses: [{ ...(example.diagnoses[0] as Diagnosis), clientId: 'c-gone' }],
      safetyPlans: [{ ...(example.safetyPlans[0] as SafetyPlan), id: 'sp-2' }],
    };
    const { problems } = await withOpenVault(dir, (v) => checkImport(v, later));
    expect(problems).toEqual([
      { path: 'diagnoses[0].id', message: 'A diagnosis with id “dx-c014-f321” is already in the vault.' },
      {
        path: 'treatmentPlans[0].version',
        message: 'This client already has a plan version 1 in the vault.',
      },
      { path: 'diagnoses[0].clientId', message: 'No client with id “c-gone” in the file or the vault.' },
      {
        path: 'safetyPlans[0].clientId',
        message: 'This client already has a safety plan in the vault; a client has one.',
      },
    ]);
  });

  it('imports a note whose goal no plan holds, with a notice naming it', async () => {
    const dir = await makeVault(join(await tempDir(), 'v'));
    const example = await docExample();
    // A client's record export carries signed versions only; here the goal is in no version at all.
    const file = { ...example, treatmentPlans: [], notes: example.notes };
    const preview = await withOpenVault(dir, (v) => checkImport(v, file));
    expect(preview.problems).toEqual([]);
    expect(preview.notices).toEqual([
      {
        path: 'notes[0].goalProgress[0].goalId',
        message:
          'No treatment plan of the note’s client has a goal with id “g-weekly-activity”; the progress is imported and shown as on a goal no longer in the plan.',
      },
      expect.objectContaining({ path: 'notes[0].goalProgress[1].goalId' }),
    ]);
    const result = await withOpenVault(dir, (v) => importIntoVault(v, file));
    expect(result).toMatchObject({ notes: 1, treatmentPlans: 0 });
    expect(result.notices).toHaveLength(2);
  });
});
