import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import { A, B, kdf, PASS } from './v2Kit';

/**
 * Copies what a sync tool would from one computer's copy of a format-2 vault folder to another's:
 * what changed there, which is never the receiving computer's own device folder (only it writes
 * there), and never locks or temp files (the tool is told to ignore them).
 */
export async function syncFolder(from: string, to: string, receiverHex: string): Promise<void> {
  const own = join(from, 'devices', receiverHex);
  await cp(from, to, {
    recursive: true,
    filter: (src) =>
      !/attune\.lock|\.tmp-[0-9a-f]{8}$/.test(src) && src !== own && !src.startsWith(`${own}/`),
  });
}

/**
 * Two computers on two copies of one format-2 vault folder: the office creates it, the folder
 * reaches the laptop, which joins, and the laptop's join reaches the office.
 */
export async function officeAndLaptop(
  root: string,
): Promise<{ a: SyncedVault; b: SyncedVault; dirA: string; dirB: string }> {
  const dirA = join(root, 'office');
  const dirB = join(root, 'laptop');
  const { vault: a } = await SyncedVault.create(dirA, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
  });
  await syncFolder(dirA, dirB, B);
  const b = await SyncedVault.open(
    dirB,
    { passphrase: PASS },
    { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 },
  );
  await b.settled();
  await syncFolder(dirB, dirA, A);
  await a.refresh();
  return { a, b, dirA, dirB };
}
