import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { AUDIT_FILE, GENESIS_HASH } from './auditLog';
import { ensureEmptyDir } from './dirs';
import {
  FORMAT_VERSION,
  HEADER_FILE,
  headerMac,
  serializeHeader,
  type VaultHeader,
  wrapAd,
  wrapKey,
} from './header';
import { JOURNAL_FILE } from './journal';
import { JournalWriter } from './journalWriter';
import { DEFAULT_KDF, deriveKek, type KdfParams, kdfParamsProblem, SALT_BYTES } from './kdf';
import { deriveVaultKeys, recoveryKek, zeroKeys } from './keys';
import { encodeManifest, MANIFEST_FILE, type ManifestSnapshot } from './manifest';
import type { VaultParts } from './openVaultFiles';
import { ProcessLock } from './processLock';
import { RECORDS_DIR } from './recordCodec';
import { formatRecoveryKey, generateRecoveryKey } from './recoveryKey';
import { VaultState } from './state';
import { writeFailure } from './vaultErrors';
import type { VaultFs } from './vaultFs';

/**
 * Lays out a new vault in `root` (absent or empty): fresh vault key, both wraps, an empty
 * manifest, journal and audit log, and the header last. Until the header is renamed into place
 * the folder is not a vault; if anything fails before that, what was written is removed again
 * so that the folder can be used for another attempt.
 */
export async function createVaultFiles(
  fs: VaultFs,
  root: string,
  passphrase: string,
  kdfOption: KdfParams | undefined,
): Promise<{ parts: VaultParts; recoveryKey: string }> {
  if (typeof passphrase !== 'string' || passphrase.length === 0) {
    throw new AttuneError('invalid-input', 'Choose a passphrase for the new vault.');
  }
  const kdf = { ...(kdfOption ?? DEFAULT_KDF) };
  const problem = kdfParamsProblem(kdf);
  if (problem)
    throw new AttuneError('invalid-input', `Those key-derivation settings are not allowed: ${problem}.`);
  await ensureEmptyDir(fs, root);

  const vaultId = randomBytes(16);
  const vaultKey = randomBytes(32);
  const recoveryKey = generateRecoveryKey();
  const base = { version: FORMAT_VERSION, vaultId, kdf, salt: randomBytes(SALT_BYTES) };
  const kek = await deriveKek(passphrase, base.salt, kdf);
  const rkek = recoveryKek(recoveryKey, vaultId);
  const unsigned = {
    ...base,
    passphrase: wrapKey(kek, vaultKey, wrapAd('passphrase', base)),
    recovery: wrapKey(rkek, vaultKey, wrapAd('recovery', base)),
  };
  kek.fill(0);
  rkek.fill(0);
  const keys = deriveVaultKeys(vaultKey, vaultId);
  const header: VaultHeader = { ...unsigned, mac: headerMac(keys.headerMac, unsigned) };
  const shownKey = formatRecoveryKey(recoveryKey);
  recoveryKey.fill(0);

  let lock: ProcessLock;
  try {
    lock = await ProcessLock.acquire(fs, root);
  } catch (error) {
    zeroKeys(keys);
    throw error;
  }
  const empty: ManifestSnapshot = {
    seq: 0,
    audit: { seq: 0, hash: GENESIS_HASH },
    auditBytes: 0,
    records: [],
  };
  let journalFd: number | undefined;
  let headerInPlace = false;
  try {
    await fs.mkdir(join(root, RECORDS_DIR), { mode: 0o700 });
    await atomicWriteFile(fs, join(root, MANIFEST_FILE), encodeManifest(keys.manifest, vaultId, empty), {
      syncDir: false,
    });
    for (const name of [AUDIT_FILE, JOURNAL_FILE]) {
      const fd = await fs.open(join(root, name), 'wx+', 0o600);
      if (name === JOURNAL_FILE) journalFd = fd;
      await fs.fsync(fd);
      if (name !== JOURNAL_FILE) await fs.close(fd);
    }
    await fsyncDir(fs, root);
    await atomicWriteFile(fs, join(root, HEADER_FILE), serializeHeader(header), { syncDir: false });
    headerInPlace = true;
    await fsyncDir(fs, root);
  } catch (error) {
    // Once the header is in place the vault exists and opens: report success, so the recovery
    // key is shown. Before that, take back what was written.
    if (!headerInPlace) {
      if (journalFd !== undefined) await fs.close(journalFd).catch(() => undefined);
      for (const name of [MANIFEST_FILE, AUDIT_FILE, JOURNAL_FILE]) {
        await fs.unlink(join(root, name)).catch(() => undefined);
      }
      await fs.rmdir(join(root, RECORDS_DIR)).catch(() => undefined);
      zeroKeys(keys);
      await lock.release();
      throw writeFailure(error);
    }
  }
  return {
    parts: {
      dir: root,
      fs,
      header,
      keys,
      state: new VaultState(empty, keys.fileNames),
      journal: new JournalWriter(fs, journalFd!, 0),
      lock,
    },
    recoveryKey: shownKey,
  };
}
