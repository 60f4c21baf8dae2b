import { cp, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { AttuneError } from '../../../../shared/errors';
import { officeAndLaptop, syncFolder } from './syncFolder';
import { A, B, kdf, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-v2-');

/** The office and the laptop on one vault (see officeAndLaptop). */
const twoDevices = async () => officeAndLaptop(await tempRoot());

describe('SyncedVault (format 2)', () => {
  it('saves, reads and reopens records; each device writes only under its own folder', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault, recoveryKey } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office iMac' },
      heartbeatMs: 0,
    });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    const c = await vault.put('client', undefined, { code: 'C-1', note: 'Zoë – 😀' });
    await vault.put('client', c.id, { code: 'C-1', note: 'second' });
    expect(await vault.get('client', c.id)).toEqual({ code: 'C-1', note: 'second' });
    expect(vault.list('client')).toEqual([{ kind: 'client', id: c.id, rev: 2 }]);
    await vault.lock();
    await expect(vault.get('client', c.id)).rejects.toMatchObject({ kind: 'locked' });

    const again = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    expect(await again.get('client', c.id)).toEqual({ code: 'C-1', note: 'second' });
    const types = again.readAudit().map((a) => (a.entry as { type: string }).type);
    expect(types).toEqual(['vault-create', 'lock', 'unlock']);
    expect(await again.verify()).toMatchObject({ ok: true, records: 1, conflicts: 0, auditEntries: 3 });
    await again.lock();
    expect((await readdir(dir)).sort()).toEqual(['attune-vault.json', 'devices']);
    expect(await readdir(join(dir, 'devices'))).toEqual([A]);
  });

  it('refuses a wrong passphrase and a folder that is not empty', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      heartbeatMs: 0,
    });
    await vault.lock();
    await expect(
      SyncedVault.open(dir, { passphrase: 'nope' }, { device: { hex: A, name: 'Office' } }),
    ).rejects.toMatchObject({
      kind: 'wrong-passphrase',
    });
    await expect(SyncedVault.create(dir, PASS, { kdf, device: { name: 'x' } })).rejects.toMatchObject({
      kind: 'vault-exists',
    });
  });

  it('merges changes made on two computers once their files have crossed', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const onA = await a.put('client', undefined, { code: 'A-1' });
    const onB = await b.put('client', undefined, { code: 'B-1' });
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);
    expect((await a.refresh()).applied).toBeGreaterThan(0);
    await b.refresh();
    for (const v of [a, b]) {
      expect(await v.get('client', onA.id)).toEqual({ code: 'A-1' });
      expect(await v.get('client', onB.id)).toEqual({ code: 'B-1' });
      expect(v.conflicts()).toEqual([]);
      expect((await v.verify()).ok).toBe(true);
    }
    const joined = a.readAudit().map((e) => (e.entry as { type: string }).type);
    expect(joined).toContain('device-join');
    await a.lock();
    await b.lock();
  });

  it('keeps both versions of a draft edited on both computers, refuses a plain save, and settles on the resolution everywhere', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const note = await a.put('note', undefined, { text: 'draft' });
    await syncFolder(dirA, dirB, B);
    await b.refresh();
    await a.put('note', note.id, { text: 'edited at the office' });
    await b.put('note', note.id, { text: 'edited on the laptop' });
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    await b.refresh();
    for (const v of [a, b]) {
      const [conflict] = v.conflicts();
      expect(conflict?.id).toBe(note.id);
      expect(conflict?.versions.map((x) => (x.value as { text: string }).text).sort()).toEqual([
        'edited at the office',
        'edited on the laptop',
      ]);
      expect(conflict?.versions.map((x) => x.deviceName).sort()).toEqual(['Laptop', 'Office iMac']);
    }
    // Both devices show the same winner while the conflict stands.
    expect(await a.get('note', note.id)).toEqual(await b.get('note', note.id));
    await expect(a.put('note', note.id, { text: 'autosave' })).rejects.toMatchObject({ kind: 'conflict' });

    await b.resolveConflict('note', note.id, { text: 'merged by hand' });
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    for (const v of [a, b]) {
      expect(v.conflicts()).toEqual([]);
      expect(await v.get('note', note.id)).toEqual({ text: 'merged by hand' });
    }
    expect(a.readAudit().some((e) => (e.entry as { type: string }).type === 'conflict-resolved')).toBe(true);
    await a.lock();
    await b.lock();
  });

  it('names a device whose log was put back to an older copy after this computer had seen it', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const seg = join('devices', A, 'log-000001.bin');
    const older = await readFile(join(dirA, seg));
    await a.put('client', undefined, { code: 'A-2' });
    await a.put('client', undefined, { code: 'A-3' });
    await syncFolder(dirA, dirB, B);
    await b.refresh();
    expect(b.list('client')).toHaveLength(2);
    await b.lock();
    // A "newer wins" sync tool puts back the older copy of the office's log on the laptop.
    await writeFile(join(dirB, seg), older);
    const reopened = await SyncedVault.open(
      dirB,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    const rollback = reopened.problems().filter((p) => p.type === 'rollback');
    expect(rollback).toHaveLength(1);
    expect(rollback[0]?.message).toMatch(/Office iMac/);
    expect((await reopened.verify()).ok).toBe(false);
    await reopened.lock();
    await a.lock();
  });

  it('a computer whose own log was put back to an older copy never writes over it: it reports the loss and carries on as a new device', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office iMac' },
      heartbeatMs: 0,
    });
    const seg = join(dir, 'devices', A, 'log-000001.bin');
    const kept = await vault.put('client', undefined, { code: 'kept' });
    const older = await readFile(seg);
    await vault.put('client', undefined, { code: 'lost by the sync tool' });
    await vault.lock();
    await writeFile(seg, older);
    const again = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    expect(again.deviceHex).not.toBe(A);
    expect(again.replaces).toBe(A);
    expect(
      again
        .problems()
        .filter((p) => p.type === 'rollback')
        .map((p) => p.message)
        .join(),
    ).toMatch(/Office iMac/);
    expect(await again.get('client', kept.id)).toEqual({ code: 'kept' });
    // The old log is left exactly as found; the new device writes in its own folder.
    expect((await readFile(seg)).equals(older)).toBe(true);
    await again.put('client', undefined, { code: 'new work' });
    expect(again.list('client')).toHaveLength(2);
    await again.lock();
  });

  it('writes its own log back when the sync app puts back an older copy of it while the vault is open, so no later save is lost', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office iMac' },
      heartbeatMs: 0,
    });
    const seg = join(dir, 'devices', A, 'log-000001.bin');
    const first = await vault.put('client', undefined, { code: 'first' });
    const older = await readFile(seg);
    const second = await vault.put('client', undefined, { code: 'second' });
    // The sync app replaces the file by rename, as they all do: the vault's open descriptor now
    // points at a file nobody reads.
    await writeFile(`${seg}.incoming`, older);
    await rename(`${seg}.incoming`, seg);
    const third = await vault.put('client', undefined, { code: 'third' });
    expect(
      vault
        .problems()
        .map((p) => p.message)
        .join(),
    ).toMatch(/wrote the full log back/);
    await vault.lock();
    const again = await SyncedVault.open(
      dir,
      { passphrase: PASS },
      { device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
    );
    expect(again.deviceHex).toBe(A);
    for (const [meta, code] of [
      [first, 'first'],
      [second, 'second'],
      [third, 'third'],
    ] as const) {
      expect(await again.get('client', meta.id)).toEqual({ code });
    }
    expect(again.problems().filter((p) => p.type === 'rollback')).toEqual([]);
    expect((await again.verify()).ok).toBe(true);
    await again.lock();
  });

  it('a passphrase changed on one computer stops the old one opening the vault on the other once the files arrive', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    await a.changePassphrase('a new and better passphrase');
    await b.lock();
    await syncFolder(dirA, dirB, B);
    await expect(
      SyncedVault.open(dirB, { passphrase: PASS }, { device: { hex: B, name: 'Laptop' } }),
    ).rejects.toMatchObject({
      kind: 'wrong-passphrase',
    });
    const b2 = await SyncedVault.open(
      dirB,
      { passphrase: 'a new and better passphrase' },
      { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
    );
    // The laptop adopted the newest slots as its own.
    expect(await readFile(join(dirB, 'devices', B, 'keys.json'), 'utf8')).toContain('"epoch": 2');
    await b2.lock();
    await a.lock();
  });

  it('says when the vault is open on another computer and what is being edited there', async () => {
    const { a, b, dirA, dirB } = await twoDevices();
    const note = await a.put('note', undefined, { text: 'x' });
    await a.setEditing([{ kind: 'note', id: note.id }]);
    await syncFolder(dirA, dirB, B);
    const present = await b.present();
    expect(present).toHaveLength(1);
    expect(present[0]).toMatchObject({
      deviceHex: A,
      name: 'Office iMac',
      editing: [{ kind: 'note', id: note.id }],
    });
    expect(await b.editingElsewhere('note', note.id)).toEqual([{ name: 'Office iMac', minutesAgo: 0 }]);
    expect(await b.editingElsewhere('note', 'someothernote')).toEqual([]);
    await a.lock();
    await syncFolder(dirA, dirB, B);
    expect(await b.present()).toEqual([]);
    await b.lock();
  });

  it('pads frames so a short client and a short note are the same size on disk', async () => {
    const dir = join(await tempRoot(), 'vault');
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      heartbeatMs: 0,
    });
    const seg = join(dir, 'devices', A, 'log-000001.bin');
    const s0 = (await stat(seg)).size;
    await vault.put('client', undefined, { code: 'C-12' });
    const s1 = (await stat(seg)).size;
    await vault.put('note', undefined, { text: 'Client arrived late; we talked about the week.' });
    const s2 = (await stat(seg)).size;
    await vault.appendAudit('export', { format: 'json' });
    const s3 = (await stat(seg)).size;
    expect(s2 - s1).toBe(s1 - s0);
    expect(s3 - s2).toBe(s1 - s0);
    await vault.lock();
  });

  it('reports a folder still arriving from the sync tool rather than failing obscurely', async () => {
    const root = await tempRoot();
    const dir = join(root, 'office');
    const { vault } = await SyncedVault.create(dir, PASS, {
      kdf,
      device: { hex: A, name: 'Office' },
      heartbeatMs: 0,
    });
    await vault.lock();
    const partial = join(root, 'laptop');
    await mkdir(join(partial, 'devices', A), { recursive: true });
    await cp(join(dir, 'devices', A, 'log-000001.bin'), join(partial, 'devices', A, 'log-000001.bin'));
    const error = await SyncedVault.open(
      partial,
      { passphrase: PASS },
      { device: { hex: B, name: 'Laptop' } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AttuneError);
    expect((error as AttuneError).message).toMatch(/sync/i);
  });
});
