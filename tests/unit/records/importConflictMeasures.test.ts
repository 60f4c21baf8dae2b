import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { clientWithNote, openServices } from '../services/serviceKit';

/**
 * The import summary's "Conflicts" (records whose id the vault has already) left measures out, so
 * a file that clashed in its measures too was said to clash less than it did (an outside probe).
 */
describe('the import summary’s conflicts', () => {
  it('count the measures the vault already has, as every other record', async () => {
    const { services, session: vaultSession } = await openServices();
    const { session } = await clientWithNote(services);
    await services.measures.save({
      sessionId: session.id,
      instrument: 'gad7',
      answers: { q1: 2, q2: 2, q3: 1, q4: 1, q5: 0, q6: 1, q7: 0 },
    });
    const { path } = await services.records.exportAll(await tempDir('attune-records-'), false);

    // The vault's own export: every record in it is in the vault already, the measure too.
    const records = ['client', 'session', 'note', 'measure', 'template'].reduce(
      (sum, kind) => sum + vaultSession.vault.list(kind).length,
      0,
    );
    expect(vaultSession.vault.list('measure')).toHaveLength(1);
    const summary = await services.records.previewImport(path);
    expect(summary.valid).toBe(false);
    expect(summary.conflicts).toBe(records);
    // Said in one sentence, as `attune import` says it, not as problems of a file that is not wrong.
    expect(summary.alreadyInVault).toBe(
      `Every record in this file (${records}) is in the vault already: the file was imported before, or exported from this vault. ` +
        'Import only adds records, so nothing was imported.',
    );
    // The problems stay for whoever wants the list (the CLI's other cases name them).
    expect(summary.problems.map((p) => p.path)).toContain('measures[0].id');
  });

  it('say nothing of the kind while the file holds a record the vault lacks', async () => {
    const { services } = await openServices();
    await clientWithNote(services);
    const { path } = await services.records.exportAll(await tempDir('attune-records-'), false);
    const { services: other } = await openServices();
    const summary = await other.records.previewImport(path);
    expect(summary.valid).toBe(true);
    expect(summary.alreadyInVault).toBeNull();
  });
});
