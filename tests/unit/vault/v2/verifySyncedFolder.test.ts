import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVault } from '../../../../main/vault/verifyVault';
import { createAsOffice, openAsLaptop, syncFolder } from './syncFolder';
import { A, B, PASS, tempRootsPerTest } from './v2Kit';

const tempRoot = tempRootsPerTest('attune-verify-v2-');

/** Two computers' copies of one vault, each having seen the other's changes, both locked. */
async function twoCopies(): Promise<{ office: string; laptop: string }> {
  const root = await tempRoot();
  const office = join(root, 'office');
  const laptop = join(root, 'laptop');
  const a = await createAsOffice(office);
  await a.put('client', undefined, { code: 'A-1' });
  await syncFolder(office, laptop, B);
  const b = await openAsLaptop(laptop);
  await b.put('note', undefined, { text: 'from the laptop' });
  await b.lock();
  await syncFolder(laptop, office, A);
  await a.refresh();
  await a.lock();
  await syncFolder(office, laptop, B);
  return { office, laptop };
}

const snapshot = async (dir: string) => (await readdir(dir, { recursive: true })).sort();

describe('attune verify on a format-2 folder (read-only)', () => {
  it('checks every device of a synced folder and writes nothing', async () => {
    const { office } = await twoCopies();
    const before = await snapshot(office);
    const report = await verifyVault(office, { passphrase: PASS });
    expect(report).toMatchObject({ ok: true, records: 2, problems: [] });
    // vault-create and lock on the office; device-join, unlock and lock on the laptop.
    expect(report.auditEntries).toBe(5);
    expect(await snapshot(office)).toEqual(before);
    await expect(verifyVault(office, { passphrase: 'wrong' })).rejects.toMatchObject({
      kind: 'wrong-passphrase',
    });
  });

  it('says a folder whose marker has not arrived is still arriving, and a damaged marker is damaged', async () => {
    const { office } = await twoCopies();
    const marker = join(office, 'attune-vault.json');
    const bytes = await readFile(marker);
    await rm(marker);
    // A sync app delivers devices/ before the marker: not "not a vault", and not format 1's words.
    await expect(verifyVault(office, { passphrase: PASS })).rejects.toMatchObject({
      kind: 'not-a-vault',
      message: expect.stringContaining('has not finished arriving'),
    });
    const json = JSON.parse(bytes.toString('utf8')) as { checksum: string };
    const wrong = json.checksum.startsWith('0') ? `1${json.checksum.slice(1)}` : `0${json.checksum.slice(1)}`;
    await writeFile(marker, JSON.stringify({ ...json, checksum: wrong }));
    // Not "made by a newer version of Attune" (format 1's reader seeing version 2).
    await expect(verifyVault(office, { passphrase: PASS })).rejects.toMatchObject({
      kind: 'integrity',
      message: expect.stringContaining('marker file (attune-vault.json) is damaged'),
    });
  });

  it('reports a seen.bin that does not open: the rollback it would show could otherwise go unseen', async () => {
    const { office } = await twoCopies();
    const seen = join(office, 'devices', B, 'seen.bin');
    const bytes = await readFile(seen);
    const flipped = Buffer.from(bytes);
    flipped.writeUInt8(flipped.readUInt8(bytes.length - 5) ^ 0x01, bytes.length - 5);
    await writeFile(seen, flipped);
    const report = await verifyVault(office, { passphrase: PASS });
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      {
        file: `devices/${B}/seen.bin`,
        problem: expect.stringContaining('could not be read'),
      },
    ]);
    await writeFile(seen, bytes);
    expect(await verifyVault(office, { passphrase: PASS })).toMatchObject({ ok: true, problems: [] });
  });

  it('reports a damaged frame and a log put back to an older copy', async () => {
    const { office } = await twoCopies();
    const seg = join(office, 'devices', B, 'log-000001.bin');
    const bytes = await readFile(seg);
    const flipped = Buffer.from(bytes);
    const at = bytes.length - 40;
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0x01, at);
    await writeFile(seg, flipped);
    const damaged = await verifyVault(office, { passphrase: PASS });
    expect(damaged.ok).toBe(false);
    expect(damaged.problems.map((p) => p.problem).join('\n')).toMatch(/damaged|altered/i);

    // The laptop's first frame only (its join), as an older copy would hold: the office had seen more.
    const firstFrameEnd = 25 + bytes.readUInt32BE(25 + 4) + 12;
    await writeFile(seg, bytes.subarray(0, firstFrameEnd));
    const rolledBack = await verifyVault(office, { passphrase: PASS });
    expect(rolledBack.ok).toBe(false);
    expect(rolledBack.problems.map((p) => p.problem).join('\n')).toMatch(/Laptop/);
  });
});
