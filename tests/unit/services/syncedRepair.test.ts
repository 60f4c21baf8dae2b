import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createServices } from '../../../main/services/createServices';
import { VaultSession } from '../../../main/services/VaultSession';
import { adviceFor, describeDamagedRecord } from '../../../shared/domain/vaultCheckReport';
import { tempDir } from '../helpers/tempDir';
import { syncFolder } from '../vault/v2/syncFolder';
import { expectKind, filledDraft, PASS, steppingClock } from './serviceKit';
import { damageWhatIsSaved, newestSegment, syncedRepairWorld } from './syncedRepairKit';

// Restoring single records from backups on a format-2 vault (one vault on several computers), over
// real temp folders: a backup, then the change that holds a note's later version is damaged on
// disk while Attune is open; Check the vault names the note and offers the backups; the repair
// writes the backup's version as a new version, audited, and it is still there after a lock.

const date = (iso: string) => iso.slice(0, 10);

const world = () =>
  syncedRepairWorld({ clientCode: 'C-014', subjective: 'In the backup: she spoke of her sister.' });

describe('restoring single records from backups on a format-2 vault', () => {
  it('a note whose later change is damaged in this computer’s own log is restored from the backup as a new version, audited, and kept after a lock', async () => {
    const w = await world();
    const backupNote = await w.services.notes.get(w.noteId);
    await damageWhatIsSaved(w.location, w.hex, () =>
      w.services.notes.saveDraft(w.noteId, filledDraft({ subjective: 'After the backup.' })),
    );

    const report = await w.check.check();
    expect(report.damaged.map((d) => describeDamagedRecord(d, date))).toEqual([
      expect.stringMatching(/^The note of the session of .* for client C-014/),
    ]);
    expect(report.repair).toMatchObject({ generations: 1 });
    expect(adviceFor(report)).toMatch(/^Restore the affected records from your backups.*new change log/);

    const result = await w.check.repairFromBackup(PASS);
    expect(result.restored.map((r) => r.record.id)).toEqual([w.noteId]);
    expect(result.notRestored).toEqual([]);
    expect(result.keptSigned).toEqual([]);
    // The records now read from the folder are the ones shown: nothing is damaged any more. The
    // damaged part of the old log stays reported (FORMAT.md §9: a loss is never forgotten).
    expect(result.report.damaged).toEqual([]);
    expect(result.report.vaultProblems.every((p) => p.own || p.part.startsWith('device-'))).toBe(true);
    // The reopen carried this computer on under a new change log, not chained to the damage.
    expect(w.session.synced!.deviceHex).not.toBe(w.hex);

    const restored = await w.services.notes.get(w.noteId);
    expect(restored.sections).toEqual(backupNote.sections);
    const audit = await w.session.vault.readAudit();
    expect(audit.filter((e) => e.type === 'restore')).toEqual([
      expect.objectContaining({ detail: expect.objectContaining({ scope: 'damaged records', records: 1 }) }),
    ]);

    await w.session.lock('user');
    await w.session.unlock({ passphrase: PASS });
    expect((await w.services.notes.get(w.noteId)).sections).toEqual(backupNote.sections);
    const again = await w.check.check();
    expect(again.damaged).toEqual([]);
  });

  it('a signed note is never replaced by a backup’s draft: it is saved again unchanged, as this computer still shows it', async () => {
    const w = await world();
    let signed = await w.services.notes.get(w.noteId);
    await damageWhatIsSaved(w.location, w.hex, async () => {
      signed = await w.services.notes.sign(w.noteId);
    });
    const report = await w.check.check();
    expect(report.damaged.map((d) => d.id)).toEqual([w.noteId]);

    const result = await w.check.repairFromBackup(PASS);
    expect(result.restored).toEqual([]);
    expect(result.keptSigned?.map((r) => r.id)).toEqual([w.noteId]);
    await w.session.lock('user');
    await w.session.unlock({ passphrase: PASS });
    const kept = await w.services.notes.get(w.noteId);
    expect(kept.status).toBe('signed');
    expect(kept.signed).toEqual(signed.signed);
    expect(kept.sections).toEqual(signed.sections);
  });

  it('a passphrase that opens no backup, or opens the backups but not the vault now, changes nothing', async () => {
    const w = await world();
    await damageWhatIsSaved(w.location, w.hex, () =>
      w.services.notes.saveDraft(w.noteId, filledDraft({ subjective: 'After the backup.' })),
    );
    const files = async () => (await readdir(join(w.location, 'devices'), { recursive: true })).sort();
    const before = await files();
    expect(
      await expectKind(w.check.repairFromBackup('not the passphrase at all'), 'wrong-passphrase'),
    ).toMatch(/opens none of your backups/);
    expect(await files()).toEqual(before);
    expect(w.session.synced!.deviceHex).toBe(w.hex);

    // The backups were made under the old passphrase: it opens them, but the vault no longer.
    await w.session.vault.changePassphrase('a brand new passphrase for the vault');
    expect(await expectKind(w.check.repairFromBackup(PASS), 'wrong-passphrase')).toMatch(
      /opens your backups but not the vault as it is now/,
    );
    expect(await files()).toEqual(before);
    expect(w.session.synced!.deviceHex).toBe(w.hex);
  });

  it('a note whose change from another computer is damaged in this copy is restored with parents that are on disk: the other computer applies it, and its own edit shows as a conflict', async () => {
    const w = await world();
    const backupNote = await w.services.notes.get(w.noteId);
    await w.session.lock('user');
    const laptopData = await tempDir('attune-synced-repair-laptop-');
    await cp(w.location, join(laptopData, 'vault'), { recursive: true });
    const laptop = new VaultSession(join(laptopData, 'vault'), () => undefined, 1500, {
      refresh: { everyMs: 0 },
    });
    onTestFinished(() => laptop.lock('quit').then(() => undefined));
    await laptop.unlock({ passphrase: PASS });
    const laptopServices = createServices(laptop, { clock: steppingClock('2026-01-01T10:00:00.000Z') });
    const laptopHex = laptop.synced!.deviceHex;
    const laptopSegment = await newestSegment(laptop.location, laptopHex);
    const from = (await stat(laptopSegment)).size;
    await laptopServices.notes.saveDraft(w.noteId, filledDraft({ subjective: 'Laptop: after the backup.' }));
    const to = (await stat(laptopSegment)).size;
    await laptop.lock('user');

    await w.session.unlock({ passphrase: PASS });
    await syncFolder(laptop.location, w.location, w.hex);
    await w.session.refreshNow();
    expect((await w.services.notes.get(w.noteId)).sections.subjective).toBe('Laptop: after the backup.');
    // The laptop's change is damaged in the office's copy of its log (a disk fault, a broken sync).
    const copy = join(w.location, 'devices', laptopHex, laptopSegment.split('/').at(-1)!);
    const bytes = Buffer.from(await readFile(copy));
    bytes[(from + to) >> 1]! ^= 0x01;
    await writeFile(copy, bytes);

    const report = await w.check.check();
    expect(report.damaged.map((d) => [d.id, d.device])).toEqual([[w.noteId, expect.any(String)]]);
    const result = await w.check.repairFromBackup(PASS);
    expect(result.restored.map((r) => r.record.id)).toEqual([w.noteId]);
    expect((await w.services.notes.get(w.noteId)).sections).toEqual(backupNote.sections);
    // This computer's own log was intact: it carries on under the same id.
    expect(w.session.synced!.deviceHex).toBe(w.hex);
    await w.session.lock('user');

    // The office's files reach the laptop, whose own edit is intact there: the restored version
    // applies (nothing it names is missing) and stands beside the laptop's edit as a conflict.
    await syncFolder(w.location, laptop.location, laptopHex);
    await laptop.unlock({ passphrase: PASS });
    const conflicts = laptop.synced!.conflicts();
    expect(conflicts.map((c) => c.id)).toEqual([w.noteId]);
    const subjectives = conflicts[0]!.versions.map(
      (v) => (v.value as { sections: Record<string, string> }).sections.subjective,
    );
    expect(subjectives.sort()).toEqual([backupNote.sections.subjective, 'Laptop: after the backup.'].sort());
    expect(laptop.synced!.problems()).toEqual([]);
  });
});
