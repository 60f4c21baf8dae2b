import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import { verifySyncedFolder } from '../../../main/vault/v2/verifySyncedFolder';
import { describeVaultProblem } from '../../../shared/domain/vaultCheckReport';
import { filledDraft, PASS } from './serviceKit';
import { damageWhatIsSaved, flip, newestSegment, syncedRepairWorld } from './syncedRepairKit';

// After Check the vault restores every record a damaged log held, the loss is acknowledged in
// the 'restore' audit entry (FORMAT.md §9.1): verify and the check report it as repaired, still
// listed, and backups work again. New damage, or another computer's damage this one did not
// repair, still fails. Real temp folders, the real session, check service and backups.

async function world() {
  const w = await syncedRepairWorld({ clientCode: 'C-021', subjective: 'In the backup.' });
  await damageWhatIsSaved(w.location, w.hex, () =>
    w.services.notes.saveDraft(w.noteId, filledDraft({ subjective: 'After the backup.' })),
  );
  return { ...w, damagedHex: w.hex };
}

describe('a loss acknowledged once its records are restored (format 2)', () => {
  it('after the restore, verify passes with the repair reported, the check names it as repaired, and a backup succeeds', async () => {
    const w = await world();
    // Before the repair: a failure, and a backup of the damaged log is refused.
    expect((await w.session.synced!.verify()).ok).toBe(false);
    await expect(w.session.vault.backupTo(w.backupFolder)).rejects.toThrow();

    const result = await w.check.repairFromBackup(PASS);
    expect(result.restored.map((r) => r.record.id)).toEqual([w.noteId]);
    const restore = (await w.session.vault.readAudit()).filter((e) => e.type === 'restore');
    expect(restore).toHaveLength(1);
    const acknowledged = JSON.parse(String(restore[0]!.detail.repairedDamage));
    expect(acknowledged).toEqual([
      expect.objectContaining({ device: w.damagedHex, from: expect.any(Number), to: expect.any(Number) }),
    ]);
    expect(acknowledged[0].damage).toHaveLength(1);

    const verify = await w.session.synced!.verify();
    expect(verify.ok).toBe(true);
    const repaired = verify.problems.filter((p) => p.type === 'repaired');
    expect(repaired.length).toBeGreaterThan(0);
    expect(repaired.every((p) => p.deviceHex === w.damagedHex)).toBe(true);
    expect(repaired[0]!.message).toMatch(/restored from backups on \d{4}-\d{2}-\d{2}/);
    expect(verify.problems.filter((p) => p.type !== 'repaired' && p.type !== 'waiting')).toEqual([]);

    // The check: nothing damaged, the old log listed as repaired (information), ok.
    expect(result.report.damaged).toEqual([]);
    expect(result.report.ok).toBe(true);
    const parts = result.report.vaultProblems;
    expect(parts.map((p) => p.part)).toContain('device-repaired');
    expect(parts.every((p) => p.part === 'device-repaired')).toBe(true);
    expect(describeVaultProblem(parts[0]!)).toMatch(
      /was damaged\. The records it held were restored from backups on/,
    );

    // Backups work again, checked in full; the generation reads as sound from outside too.
    const backup = await w.session.vault.backupTo(w.backupFolder);
    expect(backup.verify.ok).toBe(true);
    const generation = join(w.backupFolder, 'Attune backups', w.session.vault.id, backup.generation);
    const outside = await verifySyncedFolder(generation, { passphrase: PASS });
    expect(outside.ok).toBe(true);
    expect(outside.problems.some((p) => p.type === 'repaired')).toBe(true);

    // The folder itself from outside, and after a lock and unlock.
    expect((await verifySyncedFolder(w.location, { passphrase: PASS })).ok).toBe(true);
    await w.session.lock('user');
    await w.session.unlock({ passphrase: PASS });
    const again = await w.check.check();
    expect(again.ok).toBe(true);
    expect(again.vaultProblems.map((p) => p.part)).toContain('device-repaired');
    expect((await w.session.vault.backupTo(w.backupFolder)).verify.ok).toBe(true);
  });

  it('new damage after the acknowledgement fails again: other bytes of the acknowledged log, or the log written since', async () => {
    const w = await world();
    await w.check.repairFromBackup(PASS);
    expect((await w.session.synced!.verify()).ok).toBe(true);

    // An earlier frame of the acknowledged log damaged too: an offset no acknowledgement names.
    const old = await newestSegment(w.location, w.damagedHex);
    await flip(old, 200);
    const verify = await w.session.synced!.verify();
    expect(verify.ok).toBe(false);
    // Named as damage again (the restored versions written since now wait for changes it cut off, too).
    expect(verify.problems).toContainEqual(
      expect.objectContaining({ type: 'damage', deviceHex: w.damagedHex }),
    );
    await expect(w.session.vault.backupTo(w.backupFolder)).rejects.toThrow();
    await flip(old, 200);
    expect((await w.session.synced!.verify()).ok).toBe(true);

    // Damage in the log this computer writes now (under its new id): nothing acknowledges it.
    const nowHex = w.session.synced!.deviceHex;
    expect(nowHex).not.toBe(w.damagedHex);
    await damageWhatIsSaved(w.location, nowHex, () =>
      w.services.notes.saveDraft(w.noteId, filledDraft({ subjective: 'Later still.' })),
    );
    const later = await w.session.synced!.verify();
    expect(later.ok).toBe(false);
    expect(later.problems.some((p) => p.type === 'damage' && p.deviceHex === nowHex)).toBe(true);
    await expect(w.session.vault.backupTo(w.backupFolder)).rejects.toThrow();
  });

  it('damage in another computer’s log that this computer never had stays a failure after the repair', async () => {
    const w = await world();
    // A second computer writes into the same folder; its change arrives damaged.
    const laptop = await SyncedVault.open(
      w.location,
      { passphrase: PASS },
      { device: { name: 'Laptop' }, heartbeatMs: 0 },
    );
    const laptopHex = laptop.deviceHex;
    await laptop.put('client', 'laptop-client', { id: 'laptop-client', code: 'L-1' });
    await laptop.lock();
    await flip(await newestSegment(w.location, laptopHex), -200);

    const result = await w.check.repairFromBackup(PASS);
    expect(result.restored.map((r) => r.record.id)).toEqual([w.noteId]);
    const acknowledged = JSON.parse(
      String((await w.session.vault.readAudit()).find((e) => e.type === 'restore')!.detail.repairedDamage),
    ) as Array<{ device: string }>;
    expect(acknowledged.map((a) => a.device)).toEqual([w.damagedHex]);

    const verify = await w.session.synced!.verify();
    expect(verify.ok).toBe(false);
    expect(verify.problems.some((p) => p.type === 'damage' && p.deviceHex === laptopHex)).toBe(true);
    expect(verify.problems.some((p) => p.type === 'repaired' && p.deviceHex === w.damagedHex)).toBe(true);
    expect(result.report.ok).toBe(false);
    expect(result.report.vaultProblems).toContainEqual(expect.objectContaining({ part: 'device-damaged' }));
    await expect(w.session.vault.backupTo(w.backupFolder)).rejects.toThrow();
  });
});
