import { join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import type { AuditDetail } from '../auditLog';
import { randomHex } from '../binary';
import { copyTree, writeNewFile } from '../folderTree';
import { discardInterruptedRotations, rotatingDirName } from '../interruptedRotation';
import { LOCK_FILE, ProcessLock } from '../processLock';
import { finishInterruptedSwitch, switchVaultFolder } from '../switchVaultFolder';
import { writeFailure } from '../vaultErrors';
import { nodeVaultFs, type VaultFs } from '../vaultFs';
import { presenceText } from './presenceFile';
import { DEVICES_DIR } from './readAllLogs';
import { readKeySlotFiles } from './readKeySlotFiles';
import { SyncedVault } from './SyncedVault';
import type { LocalSeenStore, SyncedAuditType } from './syncedVaultTypes';
import { verifySyncedFolder } from './verifySyncedFolder';

export interface RotateSyncedOptions {
  /** This computer: it opens the vault to read it, and writes the rotated vault's only log. */
  device: { hex: string; name: string };
  localSeen?: LocalSeenStore;
  /** Called as records are written under the new key: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  fs?: VaultFs;
  /** When the old folder is put aside (it names it); tests pass a fixed time. */
  now?: Date;
}

/** Records per frame of the rotated log: one frame is one commit, and a frame is held in memory whole. */
const RECORDS_PER_FRAME = 200;
/** Files a sync tool keeps at the top of the folder it shares; the rotated folder must keep them (Syncthing stops a folder whose marker vanished). */
const SYNC_TOOL_FILES = new Set(['.stfolder', '.stignore']);

const refuse = (why: string): AttuneError =>
  new AttuneError('in-use', `${why} The vault key was not rotated; nothing was changed.`);

/**
 * Key rotation for a vault shared between computers (FORMAT.md §13). No computer may rewrite
 * another's log, so the vault is not re-encrypted in place: the merged state is written as a new
 * format-2 vault beside it — a new vault id and vault key, the same passphrase (new salt), a new
 * recovery key, one log by this computer holding every record and the whole audit trail (each
 * entry with its time and the computer that made it), then a 'key-rotation' entry — verified,
 * and switched in as format 1's rotation does (crash-safe: before the switch the old vault is
 * untouched; the next start finishes or undoes a switch and discards a partial copy). The old
 * folder is kept aside under a dated name. Other computers must unlock with the passphrase again
 * and join the rotated vault as new devices.
 *
 * Refused, before anything is written, while another computer has the vault open, while changes
 * known to exist have not arrived here, while the vault has damage, forks or rollbacks, and while
 * records are in conflict: each would be left out of, or silently settled in, the rotated vault.
 */
export async function rotateSyncedVault(
  dir: string,
  passphrase: string,
  options: RotateSyncedOptions,
): Promise<{ recoveryKey: string; keptAside: string; vaultHex: string }> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(dir);
  const now = options.now ?? new Date();
  if ((await finishInterruptedSwitch(root, fs)) === 'busy') {
    throw new AttuneError(
      'in-use',
      'Another Attune process is replacing this vault folder right now. Try again in a moment.',
    );
  }
  const old = await SyncedVault.open(
    root,
    { passphrase },
    {
      fs,
      device: options.device,
      heartbeatMs: 0,
      ...(options.localSeen ? { localSeen: options.localSeen } : {}),
    },
  );
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    await refuseUnlessSettled(old);
    state = await readState(old);
  } finally {
    await old.lock();
  }
  const ownDir = join(root, DEVICES_DIR, old.deviceHex);
  const lock = await ProcessLock.acquire(fs, ownDir);
  // The folder's own lock too, as format 1's rotation holds it: a start elsewhere
  // (recoverInterruptedRotation) then leaves this rotation's copy alone.
  let folderLock: ProcessLock | null = null;
  let work: string | null = null;
  try {
    folderLock = await ProcessLock.acquire(fs, root);
    await discardInterruptedRotations(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    const { files } = await readKeySlotFiles(fs, root);
    const current = files
      .filter((f) => f.slots.vaultId.toString('hex') === old.vaultHex)
      .sort((a, b) => b.slots.epoch - a.slots.epoch)[0];
    if (!current) throw new AttuneError('integrity', 'The vault’s key files could not be read again.');

    work = rotatingDirName(root, randomHex(4));
    const { vault: fresh, recoveryKey } = await SyncedVault.create(work, passphrase, {
      fs,
      kdf: current.slots.kdf,
      device: options.device,
      heartbeatMs: 0,
    });
    try {
      const total = state.records.length;
      options.onProgress?.(0, total);
      for (let i = 0; i < total; i += RECORDS_PER_FRAME) {
        await fresh.putMany(state.records.slice(i, i + RECORDS_PER_FRAME));
        options.onProgress?.(Math.min(total, i + RECORDS_PER_FRAME), total);
      }
      await fresh.carryAudit(state.audit);
      await fresh.appendAudit('key-rotation', {
        records: total,
        previousVault: old.vaultHex,
        computers: state.computers,
      });
    } finally {
      await fresh.lock();
    }
    await keepSyncToolFiles(fs, root, work);

    const report = await verifySyncedFolder(work, { passphrase }, { fs });
    if (!report.ok || report.records !== state.records.length || report.conflicts !== 0) {
      throw new AttuneError(
        'integrity',
        `The rotated copy did not pass its check (${report.problems[0]?.message ?? 'records are missing'}), so the key was not rotated. Your vault is unchanged.`,
      );
    }
    const { keptAside } = await switchVaultFolder(root, work, now, fs);
    work = null;
    // Our lock file went aside with the old folder; the rotated folder never had one.
    await fs.unlink(join(keptAside, DEVICES_DIR, old.deviceHex, LOCK_FILE)).catch(() => undefined);
    await fs.unlink(join(keptAside, LOCK_FILE)).catch(() => undefined);
    return { recoveryKey, keptAside, vaultHex: fresh.vaultHex };
  } finally {
    // A copy never switched in is only in the way; the next rotation or start removes it if this fails.
    if (work) await discardInterruptedRotations(fs, root).catch(() => undefined);
    await folderLock?.release();
    await lock.release();
  }
}

/** Refuses while the rotated vault would leave something out or settle something silently. */
async function refuseUnlessSettled(vault: SyncedVault): Promise<void> {
  const [open] = await vault.present();
  if (open) {
    throw refuse(
      `${presenceText(open)}. Lock Attune on ${open.name} first: changes it saves after the key is rotated would be left out of the vault.`,
    );
  }
  const problems = vault.problems().filter((p) => p.type !== 'artefact' && p.type !== 'foreign');
  const waiting = problems.filter((p) => p.type === 'waiting');
  if (waiting.length > 0) {
    const names = [
      ...new Set(waiting.map((p) => (p.deviceHex ? vault.deviceNameOf(p.deviceHex) : 'another computer'))),
    ];
    throw refuse(
      `Some changes from ${names.join(' and ')} have not arrived on this computer yet. Let the sync app finish (open Attune on ${names.join(' and ')} if it has been off), then rotate the key: changes that have not arrived would be left out.`,
    );
  }
  if (problems.length > 0) {
    throw refuse(
      `The vault has a problem that rotating the key would hide: ${problems[0]!.message} Run “Check the vault” in Settings and settle it first.`,
    );
  }
  const conflicts = vault.conflicts().length;
  if (conflicts > 0) {
    throw refuse(
      `${conflicts === 1 ? '1 record was' : `${conflicts} records were`} changed on two computers and ${conflicts === 1 ? 'is' : 'are'} waiting for you to choose which version to keep. Choose first, then rotate the key.`,
    );
  }
}

/** Every record's value and the whole merged audit trail, read from the open vault before it locks. */
async function readState(vault: SyncedVault) {
  const records: Array<{ kind: string; id: string; value: unknown }> = [];
  for (const meta of vault.list()) {
    records.push({ kind: meta.kind, id: meta.id, value: await vault.get(meta.kind, meta.id) });
  }
  const devices = new Set<string>();
  const audit = vault.readAudit().map(({ deviceHex, entry }) => {
    devices.add(deviceHex);
    const e = entry as { at: string; type: SyncedAuditType; detail?: AuditDetail };
    return {
      type: e.type,
      detail: { ...(e.detail ?? {}), computer: vault.deviceNameOf(deviceHex) },
      at: new Date(e.at),
    };
  });
  return { records, audit, computers: devices.size };
}

/** Copies the sync tool's own marker files at the top of the vault folder into the rotated one. */
async function keepSyncToolFiles(fs: VaultFs, root: string, work: string): Promise<void> {
  try {
    for (const name of await fs.readdir(root)) {
      if (!SYNC_TOOL_FILES.has(name)) continue;
      // Never through a symbolic link: one planted under a sync tool's name could copy any file in.
      const stat = await fs.lstat(join(root, name));
      if (stat.isSymbolicLink) continue;
      if (stat.isDirectory) await copyTree(fs, join(root, name), join(work, name));
      else if (stat.isFile) await writeNewFile(fs, join(work, name), await fs.readFile(join(root, name)));
    }
  } catch (error) {
    throw writeFailure(error);
  }
}
