import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkImport } from '../../../main/services/exchange/importIntoVault';
import type { ExportFile } from '../../../main/services/exchange/exportFileSchema';
import { tempDir } from '../helpers/tempDir';
import { openServices } from '../services/serviceKit';

const fakePrint = async () => new TextEncoder().encode('%PDF-1.7\n% record\n%%EOF\n');

/** A vault holding the interchange example: two plan versions (1 signed), a diagnosis, a safety plan. */
async function clinicalVault() {
  const harness = await openServices();
  const doc = await readFile(join(__dirname, '../../../docs/interchange-format.md'), 'utf8');
  const path = join(await tempDir('attune-example-'), 'example.json');
  await writeFile(path, /```json\n([\s\S]*?)\n```/.exec(doc)![1]!);
  await harness.services.records.importFile(path);
  return harness;
}

describe('a client’s record with plans, diagnoses and a safety plan', () => {
  it('reads the signed plan versions, the diagnoses and the safety plan into the record set', async () => {
    const { services } = await clinicalVault();
    const set = await services.records.get('c-014');
    // Version 2 is a draft revision: not yet the plan, so not yet part of the record.
    expect(set.treatmentPlans.map((p) => [p.id, p.status])).toEqual([['plan-c014-1', 'signed']]);
    expect(set.diagnoses.map((d) => d.code)).toEqual(['F32.1']);
    expect(set.safetyPlan?.id).toBe('sp-c014');
    expect(set.notes[0]?.goalProgress.map((g) => g.goalId)).toEqual(['g-weekly-activity', 'g-name-feelings']);

    // One note's record names its goals (the plan versions) but carries no diagnoses or safety plan.
    const one = await services.records.get('c-014', 'n-2025-03-14-c014');
    expect(one.treatmentPlans).toHaveLength(1);
    expect([one.diagnoses, one.safetyPlan]).toEqual([[], null]);
  });

  it('exports them in the client’s JSON, which imports into another vault as it stands', async () => {
    const { services, session } = await clinicalVault();
    const folder = await tempDir('attune-records-');
    const result = await services.records.exportClient('c-014', folder, fakePrint);
    const file = JSON.parse(await readFile(result.jsonPath, 'utf8')) as ExportFile;
    expect(file.version).toBe(3);
    expect(file.treatmentPlans.map((p) => p.version)).toEqual([1]);
    expect(file.diagnoses.map((d) => d.code)).toEqual(['F32.1']);
    expect(file.safetyPlans.map((s) => s.clientId)).toEqual(['c-014']);
    expect(file.notes[0]?.risk?.level).toBe('low');
    expect(file.notes[0]?.addenda[0]).toMatchObject({ type: 'clarification' });
    const audit = await session.vault.readAudit();
    expect(audit.findLast((e) => e.type === 'export')?.detail).toMatchObject({
      what: 'client-record',
      treatmentPlans: 1,
      diagnoses: 1,
      safetyPlan: true,
    });

    const other = await openServices();
    const check = await checkImport(other.session.vault, file);
    expect(check.problems).toEqual([]);
    expect(check.plan?.result).toMatchObject({ treatmentPlans: 1, diagnoses: 1, safetyPlans: 1, notes: 1 });
  });
});
