import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { SyncedVault } from '../../../../main/vault/v2/SyncedVault';
import type { VaultFs } from '../../../../main/vault/vaultFs';
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

/** Creates a format-2 vault in `dir` as the office computer (cheap KDF, no heartbeat timer). */
export async function createAsOffice(dir: string): Promise<SyncedVault> {
  const { vault } = await SyncedVault.create(dir, PASS, {
    kdf,
    device: { hex: A, name: 'Office iMac' },
    heartbeatMs: 0,
  });
  return vault;
}

/** Opens the vault copy in `dir` as the office computer; `fs` in place of the disk (a fault injector). */
export function openAsOffice(dir: string, fs?: VaultFs): Promise<SyncedVault> {
  return SyncedVault.open(
    dir,
    { passphrase: PASS },
    { ...(fs ? { fs } : {}), device: { hex: A, name: 'Office iMac' }, heartbeatMs: 0 },
  );
}

/** Opens (or joins) the vault copy in `dir` as the laptop. */
export function openAsLaptop(dir: string): Promise<SyncedVault> {
  return SyncedVault.open(dir, { passphrase: PASS }, { device: { hex: B, name: 'Laptop' }, heartbeatMs: 0 });
}

/**
 * Two computers on two copies of one format-2 vault folder: the office creates it, the folder
 * reaches the laptop, which joins, and the laptop's join reaches the office.
 */
export async function officeAndLaptop(root: string): Promise<{
  a: SyncedVault;
  b: SyncedVault;
  dirA: string;
  dirB: string;
  /** Each computer's writes settled, carried both ways as a sync tool would, and read by both. */
  cross: () => Promise<void>;
}> {
  const dirA = join(root, 'office');
  const dirB = join(root, 'laptop');
  const a = await createAsOffice(dirA);
  await syncFolder(dirA, dirB, B);
  const b = await openAsLaptop(dirB);
  await b.settled();
  await syncFolder(dirB, dirA, A);
  await a.refresh();
  const cross = async () => {
    await a.settled();
    await b.settled();
    await syncFolder(dirA, dirB, B);
    await syncFolder(dirB, dirA, A);
    await a.refresh();
    await b.refresh();
  };
  return { a, b, dirA, dirB, cross };
}
