import { join, resolve } from 'node:path';
import { AttuneError } from '../../../shared/errors';
import { fsyncDir, isTempName } from '../atomicWrite';
import { sha256Hex } from '../binary';
import { inParallel, removeLeftovers } from '../dirs';
import { copyTree, removeTree, writeNewFile } from '../folderTree';
import { HEADER_FILE, headerMacValid, notAVault, readHeader, type VaultHeader } from '../header';
import { discardInterruptedRotations } from '../interruptedRotation';
import { deriveKek, type KdfParams } from '../kdf';
import { type VaultKeys, zeroKeys } from '../keys';
import { loadState } from '../loadState';
import { LOCK_FILE, ProcessLock } from '../processLock';
import { readAuditTexts } from '../readAuditTexts';
import { decryptRecord, RECORDS_DIR, recordIntegrityError } from '../recordCodec';
import type { VaultState } from '../state';
import { switchVaultFolder } from '../switchVaultFolder';
import { unlockWithPassphraseKek } from '../unlock';
import { readFailure, writeFailure } from '../vaultErrors';
import { errorCode, isNotFound, nodeVaultFs, type VaultFs } from '../vaultFs';
import { verifyContents } from '../verifyVault';
import { checkUpgradedVault } from './checkUpgradedVault';
import { upgradedKeySlots } from './keySlots';
import { parseMarker, readMarkerFile } from './marker';
import {
  discardUpgradeLeftovers,
  finishUpgradeFolders,
  recoverInterruptedUpgrade,
  upgradeWorkDir,
} from './upgradeFolders';
import { deriveV2Keys, zeroV2Keys } from './v2Keys';
import { type Format1Record, writeUpgradedVault } from './writeUpgradedVault';

export interface UpgradeOptions {
  fs?: VaultFs;
  /** Dates the upgrade's frames and names the kept copy; tests pass a fixed time. */
  now?: () => Date;
  /** Records written into the format-2 vault so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Handed, once the upgraded vault is in place, a copy of the passphrase's key-encryption key
   * with the salt and settings it was derived with (format 2's slot now uses them too), so the
   * caller opening the vault next does not run Argon2 again. The caller zeroes it.
   */
  keepKek?: (held: HeldKek) => void;
}

/** A key-encryption key derived from the passphrase, with what it was derived with. */
export interface HeldKek {
  kek: Buffer;
  salt: Buffer;
  kdf: KdfParams;
}

export type UpgradeResult =
  | { upgraded: true; records: number; keptCopy: string }
  | { upgraded: false; reason: 'format-2' };

const unchanged = 'so the vault was not upgraded; it is unchanged and opens as before';

/** Files of the format-1 folder not copied: the lock, the header (written last), leftovers of interrupted writes. */
const notCopied = (name: string): boolean =>
  name === LOCK_FILE || name === HEADER_FILE || isTempName(name) || /\.stale-[0-9a-f]{8}$/.test(name);

/**
 * Upgrades the format-1 vault in `dir` to format 2 (FORMAT.md §14), as this computer's device,
 * keeping the passphrase, the vault key and the recovery key. With the vault's process lock held
 * throughout and nothing in it written:
 *  (a) every file is copied into a hidden folder beside it, and the copy passes format 1's full
 *      check (else: stop, nothing changed);
 *  (b) a format-2 vault holding every record and the whole audit trail is written into another
 *      hidden folder beside it, the marker last;
 *  (c) that vault passes format 2's check and holds exactly the records and audit entries read;
 *  (d) the folders are switched (FORMAT-v1.md §16): the vault's path then holds the format-2 vault;
 *      the copy is named `<vault> (format 1 copy YYYY-MM-DD HH-MM)` and the format-1 folder
 *      switched out (the same files as the copy) is removed.
 * A crash before (d)'s first rename leaves the format-1 vault untouched; from it on, the switch
 * intent finishes or undoes it (recoverInterruptedUpgrade at the next start or unlock).
 * The vault must not be open (lock it first). Only the passphrase upgrades: it is what the new
 * key slots are made from.
 */
export async function upgradeFormat1(
  dir: string,
  passphrase: string,
  device: { hex: string; name: string },
  options: UpgradeOptions = {},
): Promise<UpgradeResult> {
  const fs = options.fs ?? nodeVaultFs;
  const now = options.now ?? (() => new Date());
  const root = resolve(dir);
  if (!/^[0-9a-f]{32}$/.test(device.hex)) {
    throw new AttuneError('invalid-input', 'This computer’s device id is malformed.');
  }
  if ((await recoverInterruptedUpgrade(root, fs, now())) === 'busy') {
    throw new AttuneError(
      'in-use',
      'The vault is open in another Attune window or process, so it was not upgraded. Close it there and try again.',
    );
  }
  const marker = await readMarkerFile(fs, root).catch((error: unknown) => {
    throw isNotFound(error) ? notAVault() : readFailure(error, 'header');
  });
  if (parseMarker(marker).version === 2) return { upgraded: false, reason: 'format-2' };

  const header = await readHeader(fs, root);
  // Derived once: it opens format 1 here and wraps the vault key in format 2's passphrase slot.
  const kek = await deriveKek(passphrase, header.salt, header.kdf);
  let keys: VaultKeys;
  try {
    keys = unlockWithPassphraseKek(header, kek);
  } catch (error) {
    kek.fill(0);
    throw error;
  }
  let lock: ProcessLock | null = null;
  const work = { copy: upgradeWorkDir(root, 'copy'), upgrading: upgradeWorkDir(root, 'upgrading') };
  let switched = false;
  try {
    if (!headerMacValid(keys.headerMac, header)) {
      throw new AttuneError(
        'integrity',
        `The vault header was altered (its authentication code does not match), ${unchanged}. Run a vault check and restore the vault from a backup.`,
      );
    }
    lock = await ProcessLock.acquire(fs, root, {
      failure: (error) => diskFailure(error, 'Attune could not upgrade the vault to the new format'),
    });
    await removeLeftovers(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    await discardInterruptedRotations(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    await discardUpgradeLeftovers(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    const { state } = await loadState(fs, root, header, keys).catch(notUpgraded);
    const auditTexts = await readAuditTexts(fs, root, header, keys, state, 'the vault was not upgraded');
    const records = await readRecords(fs, root, header, keys, state).catch(notUpgraded);

    await copyFormat1(fs, root, work.copy, header, keys, records.length);
    await buildFormat2(fs, work.upgrading, header, keys, kek, device, records, auditTexts, now(), options);

    try {
      await switchVaultFolder(root, work.upgrading, now(), fs, upgradeWorkDir(root, 'original'));
    } catch (error) {
      // A failed switch is finished or put back at once from its intent: either way a whole vault
      // is in place. Only if it is the format-1 one did the upgrade not happen.
      if (!(await holdsFormat2(fs, root))) throw switchFailure(error);
    }
    switched = true;
    options.keepKek?.({ kek: Buffer.from(kek), salt: Buffer.from(header.salt), kdf: { ...header.kdf } });
    const keptCopy = await finishUpgradeFolders(fs, root, now()).catch(() => null);
    return { upgraded: true, records: records.length, keptCopy: keptCopy ?? work.copy };
  } finally {
    zeroKeys(keys);
    kek.fill(0);
    // Work that was never switched in is only in the way; the next upgrade removes what this cannot.
    if (!switched) {
      await removeTree(fs, work.upgrading).catch(() => undefined);
      await removeTree(fs, work.copy).catch(() => undefined);
    }
    await lock?.release();
  }
}

/** Every record's kind, id and exact JSON text, each file checked against the manifest and decrypted. */
async function readRecords(
  fs: VaultFs,
  root: string,
  header: VaultHeader,
  keys: VaultKeys,
  state: VaultState,
): Promise<Format1Record[]> {
  const entries = [...state.records.values()].sort((a, b) =>
    a.kind === b.kind ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.kind < b.kind ? -1 : 1,
  );
  return inParallel(entries, 8, async (entry) => {
    // A record still only in the journal is read from its blob; its file may lag.
    const bytes =
      entry.blob ??
      (await fs.readFile(join(root, RECORDS_DIR, entry.file)).catch((error: unknown) => {
        throw readFailure(error, `${entry.kind} record`);
      }));
    const json =
      sha256Hex(bytes) === entry.hash ? decryptRecord(keys.record, header.vaultId, entry, bytes) : null;
    if (json === null) throw recordIntegrityError(entry.kind);
    return { kind: entry.kind, id: entry.id, json };
  });
}

/** (a) The copy beside the vault, header last, checked by format 1's full verify. */
async function copyFormat1(
  fs: VaultFs,
  root: string,
  copy: string,
  header: VaultHeader,
  keys: VaultKeys,
  records: number,
): Promise<void> {
  try {
    const headerBytes = await fs.readFile(join(root, HEADER_FILE));
    await copyTree(fs, root, copy, notCopied);
    await writeNewFile(fs, join(copy, HEADER_FILE), headerBytes);
    await fsyncDir(fs, copy);
  } catch (error) {
    throw diskFailure(error, 'Attune could not copy the vault before upgrading it to the new format');
  }
  const report = await verifyContents(fs, copy, header, keys);
  if (!report.ok || report.records !== records) {
    throw new AttuneError(
      'integrity',
      `The copy of the vault made before upgrading did not pass its check (${report.problems[0]?.problem ?? 'records are missing'}), ${unchanged}. Run a vault check.`,
    );
  }
}

/** (b) and (c): the format-2 vault written beside the vault and checked against what was read. */
async function buildFormat2(
  fs: VaultFs,
  target: string,
  header: VaultHeader,
  keys: VaultKeys,
  passphraseKek: Buffer,
  device: { hex: string; name: string },
  records: Format1Record[],
  auditTexts: string[],
  at: Date,
  options: UpgradeOptions,
): Promise<void> {
  // The same vault key and id: format 1's recovery slot then opens format 2 too (FORMAT.md §14).
  const v2 = deriveV2Keys(Buffer.from(keys.vaultKey), header.vaultId);
  try {
    const slots = upgradedKeySlots({
      vaultKey: v2.vaultKey,
      vaultId: header.vaultId,
      deviceHex: device.hex,
      passphraseKek,
      salt: header.salt,
      kdf: header.kdf,
      format1Recovery: header.recovery,
      keysMac: v2.keysMac,
    });
    try {
      await writeUpgradedVault({
        fs,
        dir: target,
        vaultId: header.vaultId,
        logKey: v2.log,
        slots,
        device: { hex: device.hex, name: deviceName(device.name) },
        records,
        auditTexts,
        at,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    } catch (error) {
      throw diskFailure(error, 'Attune could not write the vault in the new format');
    }
    const difference = await checkUpgradedVault({
      fs,
      dir: target,
      vaultId: header.vaultId,
      keys: v2,
      records,
      auditTexts,
    });
    if (difference) {
      throw new AttuneError(
        'integrity',
        `The upgraded vault did not match the original (${difference}), ${unchanged}.`,
      );
    }
  } finally {
    zeroV2Keys(v2);
  }
}

async function holdsFormat2(fs: VaultFs, root: string): Promise<boolean> {
  try {
    return parseMarker(await readMarkerFile(fs, root)).version === 2;
  } catch {
    return false;
  }
}

function switchFailure(error: unknown): AttuneError {
  const failure = error instanceof AttuneError ? error : writeFailure(error);
  return new AttuneError(
    failure.kind,
    `Attune could not put the upgraded vault in place (${failure.message}) The vault is unchanged and opens as before.`,
  );
}

/** Damage found while reading, said with what it means for the upgrade. */
function notUpgraded(error: unknown): never {
  if (error instanceof AttuneError && error.kind === 'integrity') {
    throw new AttuneError(
      'integrity',
      `${error.message} The vault was not upgraded to the new format; it is unchanged.`,
    );
  }
  throw error;
}

function deviceName(name: string): string {
  const trimmed = typeof name === 'string' ? name.trim().slice(0, 100) : '';
  return trimmed.length > 0 ? trimmed : 'This computer';
}

/** A failure to write beside the vault, in words that say the vault itself is fine. */
function diskFailure(error: unknown, what: string): AttuneError {
  if (error instanceof AttuneError) return error;
  const code = errorCode(error);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new AttuneError(
      'io',
      `The disk is full: ${what}. The vault is unchanged and opens as before; free some space (the upgrade needs about twice the vault’s size) and unlock again.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AttuneError(
      'read-only',
      `${what}, because the folder that holds the vault is read-only. The vault is unchanged and opens as before; check that folder’s permissions.`,
    );
  }
  return new AttuneError(
    'io',
    `${what} (${code ?? 'unknown error'}). The vault is unchanged and opens as before; unlock again to retry.`,
  );
}
