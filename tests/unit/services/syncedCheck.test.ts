import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSyncedVault } from '../../../main/services/check/syncedCheck';
import { VaultCheckService } from '../../../main/services/check/VaultCheckService';
import { VaultSession } from '../../../main/services/VaultSession';
import { SyncedOpenVault } from '../../../main/vault/v2/SyncedOpenVault';
import { SyncedVault } from '../../../main/vault/v2/SyncedVault';
import {
  adviceFor,
  describeCause,
  describeDamagedRecord,
  describeVaultProblem,
} from '../../../shared/domain/vaultCheckReport';
import type { Events } from '../../../shared/ipc/events';
import { createAsOffice, openAsLaptop, syncFolder } from '../vault/v2/syncFolder';
import { A, B, PASS, tempRootsPerTest } from '../vault/v2/v2Kit';
import { PASS as KIT_PASS, makeVault } from './serviceKit';

const tempRoot = tempRootsPerTest('attune-synced-check-');
const clock = () => new Date('2026-03-06T09:00:00.000Z');
const date = (iso: string) => iso.slice(0, 10);

/**
 * The office computer has the vault open; the laptop wrote a client, a session and its note,
 * which the office received and shows. Returns the office's open vault and the folders.
 */
async function officeWithLaptopNote() {
  const root = await tempRoot();
  const office = join(root, 'office');
  const laptop = join(root, 'laptop');
  const a = await createAsOffice(office);
  await a.put('client', 'c14', { id: 'c14', code: 'C-014' });
  await a.put('session', 's1', { id: 's1', clientId: 'c14', startsAt: '2026-03-05T10:00:00.000Z' });
  await a.settled();
  await syncFolder(office, laptop, B);
  const b = await openAsLaptop(laptop);
  await b.put('note', 's1', { id: 's1', sessionId: 's1', clientId: 'c14', body: 'x'.repeat(3000) });
  await b.lock();
  await syncFolder(laptop, office, A);
  await a.refresh();
  return { a, office, laptop };
}

describe('Check the vault on a vault shared between computers (format 2)', () => {
  it('finds nothing wrong in an intact shared vault, with progress per computer', async () => {
    const { a } = await officeWithLaptopNote();
    const progress: Array<[number, number]> = [];
    const report = await checkSyncedVault(a, {
      sources: [],
      backupsExist: async () => false,
      onProgress: (done, total) => progress.push([done, total]),
      clock,
    });
    expect(report).toMatchObject({ ok: true, damaged: [], vaultProblems: [], records: 3 });
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
    expect(adviceFor(report)).toMatch(/No problems found/);
    await a.lock();
  });

  it('names the note a damaged change from the laptop held, the laptop, and what to do', async () => {
    const { a, office } = await officeWithLaptopNote();
    // A disk fault or a broken sync in the laptop's log, inside the frame that holds the note.
    const seg = join(office, 'devices', B, 'log-000001.bin');
    const bytes = Buffer.from(await readFile(seg));
    const at = bytes.length - 2000;
    bytes.writeUInt8(bytes.readUInt8(at) ^ 0x01, at);
    await writeFile(seg, bytes);

    const report = await checkSyncedVault(a, { sources: [], backupsExist: async () => true, clock });
    expect(report.ok).toBe(false);
    expect(report.damaged).toHaveLength(1);
    const [note] = report.damaged;
    expect(note).toMatchObject({ what: 'note', cause: 'change-lost', device: 'Laptop' });
    expect(describeDamagedRecord(note!, date)).toBe('The note of the session of 2026-03-05 for client C-014');
    expect(describeCause(note!.cause, note!.device)).toMatch(/saved on Laptop, is damaged or missing/);
    expect(report.vaultProblems).toContainEqual({ part: 'device-damaged', device: 'Laptop' });
    const words = report.vaultProblems.map(describeVaultProblem).join(' ');
    expect(words).toMatch(/change log from Laptop is damaged/);
    expect(adviceFor(report)).toMatch(/^Open Attune on Laptop .*restore the vault from a backup/);
    await a.lock();
  });

  it('the laptop’s whole folder of changes deleted: said missing (where to look for it), not put back from an older copy', async () => {
    const { a, office } = await officeWithLaptopNote();
    await rm(join(office, 'devices', B), { recursive: true });
    const report = await checkSyncedVault(a, { sources: [], backupsExist: async () => true, clock });
    expect(report.ok).toBe(false);
    // The note it held is named, still shown while the vault is open.
    expect(report.damaged).toMatchObject([{ what: 'note', cause: 'change-lost', device: 'Laptop' }]);
    expect(report.vaultProblems).toEqual([
      { part: 'device-missing', device: 'Laptop', folder: `devices/${B}` },
    ]);
    const words = describeVaultProblem(report.vaultProblems[0]!);
    expect(words).toMatch(
      new RegExp(
        `^The folder of the changes saved on Laptop \\(devices/${B}\\) is missing from the vault folder`,
      ),
    );
    expect(words).toMatch(/deleted, or the sync app has not synced it yet or leaves it out/);
    expect(words).toMatch(/still shown while the vault stays open/);
    expect(words).toMatch(/sync app’s deleted files, trash or version history/);
    expect(words).not.toMatch(/older copy/);
    expect(adviceFor(report)).toMatch(/^Open Attune on Laptop with the sync app running/);
    await a.lock();
  });

  it('says the change log from the laptop has not finished arriving, and that nothing needs restoring', async () => {
    const root = await tempRoot();
    const office = join(root, 'office');
    const laptop = join(root, 'laptop');
    const a = await createAsOffice(office);
    await a.lock();
    await syncFolder(office, laptop, B);
    const b = await openAsLaptop(laptop);
    await b.put('client', 'c1', { id: 'c1', code: 'C-001' });
    await b.lock();
    // The laptop's seen.bin (which claims its latest change) arrives before its log has all of it.
    await syncFolder(laptop, office, A);
    const seg = join(office, 'devices', B, 'log-000001.bin');
    const whole = await readFile(seg);
    const reopened = await SyncedVault.open(
      laptop,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    await reopened.lock();
    // Only the first frames of the laptop's log have arrived at the office.
    await writeFile(seg, whole.subarray(0, whole.length - 1));
    await syncFolder(laptop, office, A);
    await writeFile(seg, whole.subarray(0, whole.length - 1));

    const office2 = await SyncedVault.open(
      office,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    const report = await checkSyncedVault(office2, { sources: [], backupsExist: async () => false, clock });
    expect(report.damaged).toEqual([]);
    expect(report.vaultProblems).toEqual([{ part: 'device-arriving', device: 'Laptop' }]);
    expect(describeVaultProblem(report.vaultProblems[0]!)).toBe(
      'The change log from Laptop has not finished arriving. Leave the sync app running on both computers, then check again. Nothing is damaged.',
    );
    expect(adviceFor(report)).toMatch(
      /^Nothing needs restoring\. Some changes from your other computers are still arriving/,
    );
    await office2.lock();
  });

  it('the Settings check service runs the format-2 check on a shared vault, with progress; with no backups of it, single-record repair says so', async () => {
    const { a, office } = await officeWithLaptopNote();
    const seg = join(office, 'devices', B, 'log-000001.bin');
    const bytes = Buffer.from(await readFile(seg));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2000) ^ 0x01, bytes.length - 2000);
    await writeFile(seg, bytes);
    const progress: Array<Events['vault:progress']> = [];
    // The session as the check sees it: the open vault (format 2, as VaultSession hands it out) and its events.
    const session = {
      vault: new SyncedOpenVault(a),
      emit: (event: string, payload: unknown) => {
        if (event === 'vault:progress') progress.push(payload as Events['vault:progress']);
      },
    } as unknown as VaultSession;
    const service = new VaultCheckService(
      session,
      { exist: async () => true, folder: async () => '/nonexistent-backups' },
      null,
      { writeMany: (work) => work(session.vault) },
      clock,
    );
    const report = await service.check();
    expect(report.damaged.map((d) => [d.what, d.device])).toEqual([['note', 'Laptop']]);
    expect(report.vaultProblems).toContainEqual({ part: 'device-damaged', device: 'Laptop' });
    expect(progress.at(-1)).toEqual({ task: 'verify', done: 2, total: 2 });
    expect(report.repair).toBeNull(); // no backups of this vault in that folder
    await expect(service.repairFromBackup(PASS)).rejects.toMatchObject({
      kind: 'not-found',
      message: expect.stringMatching(/No backups of this vault were found in \/nonexistent-backups/),
    });
    await a.lock();
  });

  it('through the real session: a damaged change in this computer’s own log names the note and says what to do', async () => {
    const { location } = await makeVault(undefined, 2);
    const session = new VaultSession(location, () => undefined);
    await session.unlock({ passphrase: KIT_PASS });
    await session.vault.put('client', 'c7', { id: 'c7', code: 'C-007' });
    await session.vault.put('session', 's7', {
      id: 's7',
      clientId: 'c7',
      startsAt: '2026-03-05T10:00:00.000Z',
    });
    await session.vault.put('note', 's7', {
      id: 's7',
      sessionId: 's7',
      clientId: 'c7',
      body: 'y'.repeat(3000),
    });
    const hex = session.synced!.deviceHex;
    const seg = join(location, 'devices', hex, 'log-000001.bin');
    const bytes = Buffer.from(await readFile(seg));
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 2000) ^ 0x01, bytes.length - 2000);
    await writeFile(seg, bytes);

    const service = new VaultCheckService(session, { exist: async () => false, folder: async () => null });
    const report = await service.check();
    expect(report.damaged.map((d) => [describeDamagedRecord(d, date), d.device])).toEqual([
      ['The note of the session of 2026-03-05 for client C-007', 'this computer'],
    ]);
    expect(report.vaultProblems).toEqual([{ part: 'device-damaged', device: 'this computer', own: true }]);
    expect(describeVaultProblem(report.vaultProblems[0]!)).toMatch(
      /^Part of this computer’s own change log is damaged/,
    );
    await session.lock('user');
  });
});
