import { randomBytes } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { AUDIT_FILE, encodeAuditFrame, followChain, GENESIS_HASH, makeAuditEntry } from './auditLog';
import { randomHex, sha256Hex } from './binary';
import { inParallel, removeLeftovers } from './dirs';
import { removeTree, writeNewFile } from './folderTree';
import {
  HEADER_FILE,
  headerMac,
  headerMacValid,
  readHeader,
  serializeHeader,
  type VaultHeader,
  wrapAd,
  wrapKey,
} from './header';
import { JOURNAL_FILE } from './journal';
import { deriveKek, SALT_BYTES } from './kdf';
import { deriveVaultKeys, recoveryKek, type VaultKeys, zeroKeys } from './keys';
import { loadState } from './loadState';
import { encodeManifest, MANIFEST_FILE, type ManifestEntry } from './manifest';
import { LOCK_FILE, ProcessLock } from './processLock';
import {
  decryptRecord,
  encodeRecord,
  RECORDS_DIR,
  recordFileName,
  recordIntegrityError,
} from './recordCodec';
import { formatRecoveryKey, generateRecoveryKey } from './recoveryKey';
import type { VaultState } from './state';
import { discardInterruptedRotations, rotatingDirName } from './interruptedRotation';
import { finishInterruptedSwitch, switchIntentPath, switchVaultFolder } from './switchVaultFolder';
import { unlockKeys } from './unlock';
import { readAuditTexts } from './readAuditTexts';
import { readFailure, writeFailure } from './vaultErrors';
import { nodeVaultFs, type VaultFs } from './vaultFs';
import { verifyContents } from './verifyVault';

export interface RotateOptions {
  /** Called as records are re-encrypted: `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  fs?: VaultFs;
  /** When the old folder is put aside (it names it); tests pass a fixed time. */
  now?: Date;
}

/**
 * Finishes or undoes an interrupted switch, then discards what an interrupted rotation left
 * beside the vault. Safe to call at every start: it does nothing while the vault is open
 * elsewhere (the process lock is busy).
 */
export async function recoverInterruptedRotation(vaultDir: string, fs: VaultFs = nodeVaultFs): Promise<void> {
  const root = resolve(vaultDir);
  const outcome = await finishInterruptedSwitch(root, fs);
  if (outcome === 'busy') return;
  let lock: ProcessLock;
  try {
    lock = await ProcessLock.acquire(fs, root);
  } catch {
    return; // in use, or no vault here: nothing to clean now
  }
  try {
    await discardInterruptedRotations(fs, root);
  } finally {
    await lock.release();
  }
}

/**
 * Re-encrypts a vault under a fresh random vault key, for when a passphrase or an old copy of
 * the vault may have been exposed. The vault must not be open in this process (lock it first);
 * its process lock is held throughout. Every record, the audit log (same entries, same hash
 * chain, plus a 'key-rotation' entry) and the manifest are written under the new key into a
 * folder beside the vault, with a new header (same passphrase, new salt, a new recovery key)
 * written last; the copy is verified with the new keys, then swapped in by switchVaultFolder.
 * A crash before the swap leaves the old vault as it was; after it, the new one. The old folder
 * is kept aside (it still opens with the old key) until the user removes it.
 */
export async function rotateVaultKey(
  dir: string,
  passphrase: string,
  options: RotateOptions = {},
): Promise<{ recoveryKey: string; keptAside: string }> {
  const fs = options.fs ?? nodeVaultFs;
  const root = resolve(dir);
  if ((await finishInterruptedSwitch(root, fs)) === 'busy') {
    throw new AttuneError(
      'in-use',
      'Another Attune process is replacing this vault folder right now. Try again in a moment.',
    );
  }
  const header = await readHeader(fs, root);
  const { keys } = await unlockKeys(header, { passphrase });
  let newKeys: VaultKeys | null = null;
  let lock: ProcessLock | null = null;
  let work: string | null = null;
  try {
    if (!headerMacValid(keys.headerMac, header)) {
      throw new AttuneError(
        'integrity',
        'The vault header was altered (its authentication code does not match), so the key was not rotated. Run a vault check and restore the vault from a backup.',
      );
    }
    lock = await ProcessLock.acquire(fs, root);
    await discardInterruptedRotations(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    await removeLeftovers(fs, root).catch((error: unknown) => {
      throw writeFailure(error);
    });
    const { state } = await loadState(fs, root, header, keys);
    const auditTexts = await readAuditTexts(fs, root, header, keys, state, 'the key was not rotated');

    // The new key and both wraps. The KDF settings stay; the salt is new.
    const vaultKey = randomBytes(32);
    newKeys = deriveVaultKeys(vaultKey, header.vaultId);
    const recoveryKey = generateRecoveryKey();
    const base = {
      version: header.version,
      vaultId: header.vaultId,
      kdf: header.kdf,
      salt: randomBytes(SALT_BYTES),
    };
    const kek = await deriveKek(passphrase, base.salt, base.kdf);
    const rkek = recoveryKek(recoveryKey, header.vaultId);
    const unsigned = {
      ...base,
      passphrase: wrapKey(kek, vaultKey, wrapAd('passphrase', base)),
      recovery: wrapKey(rkek, vaultKey, wrapAd('recovery', base)),
    };
    kek.fill(0);
    rkek.fill(0);
    const newHeader: VaultHeader = { ...unsigned, mac: headerMac(newKeys.headerMac, unsigned) };
    const shownKey = formatRecoveryKey(recoveryKey);
    recoveryKey.fill(0);

    work = rotatingDirName(root, randomHex(4));
    await buildRotated(fs, root, work, header, keys, newKeys, state, auditTexts, options.onProgress);
    await atomicWriteFile(fs, join(work, HEADER_FILE), serializeHeader(newHeader), { syncDir: true }).catch(
      (error: unknown) => {
        throw writeFailure(error);
      },
    );

    const report = await verifyContents(fs, work, newHeader, newKeys);
    if (!report.ok || report.records !== state.records.size) {
      throw new AttuneError(
        'integrity',
        `The re-encrypted copy did not pass its check (${report.problems[0]?.problem ?? 'records are missing'}), so the key was not rotated. Your vault is unchanged.`,
      );
    }

    const { keptAside } = await switchVaultFolder(root, work, options.now ?? new Date(), fs);
    work = null;
    // Our lock file went aside with the old folder; the new folder never had one.
    await fs.unlink(join(keptAside, LOCK_FILE)).catch(() => undefined);
    return { recoveryKey: shownKey, keptAside };
  } finally {
    zeroKeys(keys);
    if (newKeys) zeroKeys(newKeys);
    // A copy that was never switched in is only in the way; if removing it fails, the next
    // rotation or start removes it. One named by a switch intent is finishInterruptedSwitch's.
    if (work && !(await intentNames(fs, root, work))) await removeTree(fs, work).catch(() => undefined);
    await lock?.release();
  }
}

async function intentNames(fs: VaultFs, root: string, work: string): Promise<boolean> {
  try {
    return (await fs.readFile(switchIntentPath(root))).toString('utf8').includes(basename(work));
  } catch {
    return false;
  }
}

/** Writes every file of the rotated vault into `work` except the header. */
async function buildRotated(
  fs: VaultFs,
  root: string,
  work: string,
  header: VaultHeader,
  keys: VaultKeys,
  newKeys: VaultKeys,
  state: VaultState,
  auditTexts: string[],
  onProgress: RotateOptions['onProgress'],
): Promise<void> {
  const vaultId = header.vaultId;
  try {
    await fs.mkdir(work, { mode: 0o700 });
    await fs.mkdir(join(work, RECORDS_DIR), { mode: 0o700 });
  } catch (error) {
    throw writeFailure(error);
  }
  const entries = [...state.records.values()];
  const total = entries.length;
  let done = 0;
  onProgress?.(0, total);
  const rows = await inParallel(entries, 8, async (entry): Promise<ManifestEntry> => {
    // A record still only in the journal is read from its blob; its file may lag.
    const bytes =
      entry.blob ??
      (await fs.readFile(join(root, RECORDS_DIR, entry.file)).catch((error: unknown) => {
        throw readFailure(error, `${entry.kind} record`);
      }));
    const json = sha256Hex(bytes) === entry.hash ? decryptRecord(keys.record, vaultId, entry, bytes) : null;
    if (json === null) throw recordIntegrityError(entry.kind);
    // Same kind, id, revision and birth: only the key changes, so every file name and byte does.
    const ref = { kind: entry.kind, id: entry.id, rev: entry.rev, born: entry.born };
    const blob = encodeRecord(newKeys.record, vaultId, ref, json);
    await writeNewFile(
      fs,
      join(work, RECORDS_DIR, recordFileName(newKeys.fileNames, ref.kind, ref.id)),
      blob,
    ).catch((error: unknown) => {
      throw writeFailure(error);
    });
    onProgress?.(++done, total);
    return { ...ref, hash: sha256Hex(blob), size: blob.length };
  });

  let head = { seq: 0, hash: GENESIS_HASH };
  for (const text of auditTexts) {
    const next = followChain(head, text);
    if ('problem' in next)
      throw new AttuneError('internal', 'The audit chain changed while the key was being rotated.');
    head = next.head;
  }
  const rotation = makeAuditEntry(head, 'key-rotation', { records: total });
  const texts = [...auditTexts, rotation.text];
  const audit = Buffer.concat(texts.map((text, i) => encodeAuditFrame(newKeys.audit, vaultId, i + 1, text)));
  // The rotation counts as one commit, so the commit counter of the new vault moves on.
  const manifest = encodeManifest(newKeys.manifest, vaultId, {
    seq: state.seq + 1,
    audit: rotation.head,
    auditBytes: audit.length,
    records: rows,
  });
  try {
    await fsyncDir(fs, join(work, RECORDS_DIR));
    await writeNewFile(fs, join(work, AUDIT_FILE), audit);
    await writeNewFile(fs, join(work, MANIFEST_FILE), manifest);
    await writeNewFile(fs, join(work, JOURNAL_FILE), Buffer.alloc(0));
    await fsyncDir(fs, work);
  } catch (error) {
    throw writeFailure(error);
  }
}
