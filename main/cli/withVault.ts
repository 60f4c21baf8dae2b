import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import type { OpenVault } from '../vault/OpenVault';
import type { VaultSecret } from '../vault/unlock';
import type { LocalSeenStore } from '../vault/v2/syncedVaultTypes';
import type { CliIo } from './CliIo';
import { cliDataDir } from './cliDataDir';
import { exitCodes } from './exitCodes';
import { readPassphrase } from './secrets';

export interface VaultOptions {
  passphraseFile?: string;
}

/**
 * Opens the vault in `dir`, in either format; a format-2 vault as this computer (its id from the
 * app's settings, see cliDataDir), which the app may not have open at the same time, and never an
 * old copy of it the app kept aside.
 */
export async function openCliVault(io: CliIo, dir: string, secret: VaultSecret): Promise<OpenVault> {
  // Loaded here, not at start, so commands that never open a vault this way start faster.
  const [{ openVaultAs, refuseKeptAsideCopy }, { ThisDevice }, { DeviceConfigStore }, { folderFormat }] =
    await Promise.all([
      import('../services/device/openVaultAs'),
      import('../services/device/ThisDevice'),
      import('../services/device/DeviceConfigStore'),
      import('../vault/folderFormat'),
    ]);
  const device = new ThisDevice(new DeviceConfigStore(cliDataDir(io.env)));
  // An old copy the app kept beside the vault, opened here as this computer, would make the vault
  // in use report this computer's changes missing for good (refuseKeptAsideCopy says why).
  if ((await folderFormat(resolve(dir))) === 2) await refuseKeptAsideCopy(resolve(dir), device);
  return openVaultAs(resolve(dir), secret, device);
}

/**
 * This computer as `attune verify` checks with it: its id, and what it remembers having seen of
 * the format-2 vault in `dir` (kept in its data folder, not in the vault), so changes saved here
 * and then lost from the folder fail the check as they fail an open. Undefined when it has none
 * to offer: it never opened a vault, `dir` is format 1 or a copy Attune kept aside (older by its
 * nature), or its settings do not read. Reads only; draws no id.
 */
export async function checkingComputer(
  io: CliIo,
  dir: string,
): Promise<{ hex: string; localSeen: LocalSeenStore } | undefined> {
  const [{ ThisDevice }, { DeviceConfigStore }, { folderFormat, syncedVaultHex }] = await Promise.all([
    import('../services/device/ThisDevice'),
    import('../services/device/DeviceConfigStore'),
    import('../vault/folderFormat'),
  ]);
  try {
    if ((await folderFormat(dir)) !== 2) return undefined;
    const device = new ThisDevice(new DeviceConfigStore(cliDataDir(io.env)));
    const hex = await device.knownHex();
    if (!hex || (await device.keptAsideCopy(dir))) return undefined;
    const vaultHex = await syncedVaultHex(dir);
    return { hex, localSeen: device.localSeen(() => vaultHex) };
  } catch (error) {
    io.err(
      `attune: this computer's settings did not read, so the check is made from outside only (${String(error)}).`,
    );
    return undefined;
  }
}

/**
 * Creates a vault in `dir` in the app's format (format 2, FORMAT.md) as this computer, the
 * same one the app is (see cliDataDir), so the app opening it carries on as that computer.
 */
export async function createCliVault(
  io: CliIo,
  dir: string,
  passphrase: string,
): Promise<{ vault: OpenVault; recoveryKey: string }> {
  const [{ createSyncedVaultAs }, { ThisDevice }, { DeviceConfigStore }] = await Promise.all([
    import('../services/device/openVaultAs'),
    import('../services/device/ThisDevice'),
    import('../services/device/DeviceConfigStore'),
  ]);
  return createSyncedVaultAs(
    resolve(dir),
    passphrase,
    new ThisDevice(new DeviceConfigStore(cliDataDir(io.env))),
  );
}

/**
 * Creates a vault in `dir` as createCliVault does, lets `fill` write into it (demo) and locks it;
 * resolves with its recovery key, for the caller to print. When anything fails before then (a
 * full disk, say), the recovery key is never shown, so what was made is of no use to anyone and
 * would only block the next try ("this folder already holds files") and read as a vault still
 * arriving from a sync app: it is removed, when the folder was missing or empty before.
 */
export async function createFilledCliVault(
  io: CliIo,
  dir: string,
  passphrase: string,
  fill?: (vault: OpenVault) => Promise<void>,
): Promise<string> {
  const folder = resolve(dir);
  const before = await readdir(folder).then(
    (names) => (names.length === 0 ? 'empty' : 'in use'),
    (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'missing' : 'in use'),
  );
  try {
    const { vault, recoveryKey } = await createCliVault(io, folder, passphrase);
    try {
      if (fill) await fill(vault);
    } finally {
      await vault.lock();
    }
    return recoveryKey;
  } catch (error) {
    // A folder that filled up meanwhile (another process) is never touched.
    const refused = error instanceof AttuneError && error.kind === 'vault-exists';
    if (before !== 'in use' && !refused) {
      const removed = await removeUnfinished(folder, before === 'missing').then(
        () => true,
        () => false,
      );
      const told = removed
        ? `No vault was made: the unfinished one in ${folder} was removed.`
        : `No vault was made: remove what was left in ${folder} before trying again.`;
      if (error instanceof AttuneError) throw new AttuneError(error.kind, `${error.message} ${told}`);
      io.err(`attune: ${told}`);
    }
    throw error;
  }
}

/** Removes the folder (it was made here) or, if it was there empty, what is in it now. */
async function removeUnfinished(folder: string, madeHere: boolean): Promise<void> {
  if (madeHere) {
    await rm(folder, { recursive: true, force: true });
    return;
  }
  const names = await readdir(folder).catch(() => []);
  for (const name of names) await rm(join(folder, name), { recursive: true, force: true });
}

/**
 * What to do when the open vault reports problems: 'warn' prints them before the command's own
 * output and, where changes may be missing from what it read (a damaged or rolled-back log,
 * changes still arriving), makes it end with exit code 1; 'refuse' stops before `work` while
 * changes are missing (a rollback: e.g. key files put back to an older copy, which an old
 * passphrase may open).
 */
export type OnVaultProblems = { warn: (code: number) => void } | { refuse: string };

/**
 * What the app tells at unlock, told here too: damage, rollbacks, forks, and changes another
 * computer made that have not all arrived (the app shows those as information; a command's output
 * lacks them all the same). A stray file or a sync tool's copy is not one.
 */
const TOLD = new Set(['damage', 'rollback', 'fork', 'waiting']);
/** Of those, what means changes may be missing from what a command reads. */
const MISSING = new Set(['damage', 'rollback', 'waiting']);

/**
 * The open vault's problems that the app warns of (format 2), and how many records hold versions
 * from two computers not yet resolved (a conflict).
 */
async function openProblems(vault: OpenVault): Promise<{
  problems: Array<{ type: string; message: string; deviceHex?: string }>;
  conflicts: number;
  nameOf: (deviceHex: string) => string;
}> {
  const none = { problems: [], conflicts: 0, nameOf: (hex: string) => hex };
  if (vault.format !== 2) return none;
  const { SyncedOpenVault } = await import('../vault/v2/SyncedOpenVault');
  if (!(vault instanceof SyncedOpenVault)) return none;
  return {
    problems: vault.synced.problems().filter((p) => TOLD.has(p.type)),
    conflicts: vault.synced.conflicts().length,
    nameOf: (hex) => vault.synced.deviceNameOf(hex),
  };
}

/** "Laptop", "Laptop and Home PC", "Laptop, Home PC and Office iMac". */
const listed = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

const count = (n: number) => (n === 1 ? 'a problem' : `${n} problems`);

/**
 * Opens the vault in DIR with the passphrase from the usual sources, runs `work`, and always
 * locks. The vault's problems are told first, on standard error, as `onProblems` says (unset:
 * told only).
 */
export async function withVault<T>(
  io: CliIo,
  dir: string,
  options: VaultOptions,
  work: (vault: OpenVault) => Promise<T>,
  onProblems?: OnVaultProblems,
): Promise<T> {
  const passphrase = await readPassphrase(io, options);
  const vault = await openCliVault(io, dir, { passphrase });
  try {
    const { problems, conflicts, nameOf } = await openProblems(vault);
    if (conflicts > 0) {
      // Not a problem (two computers changed one record), but what is read is one version of each.
      io.err(
        `attune: ${conflicts === 1 ? '1 record has' : `${conflicts} records have`} two versions from different computers, not yet resolved: the version Attune shows is used here. Resolve them in Attune (Settings → Sync conflicts).`,
      );
    }
    if (problems.length > 0) {
      const rollback = problems.find((p) => p.type === 'rollback');
      if (onProblems && 'refuse' in onProblems && rollback) {
        throw new AttuneError(
          'integrity',
          `${onProblems.refuse}: the vault reports ${count(problems.length)}. ${rollback.message} Run "attune verify" for the rest; open Attune or restore a backup first.`,
        );
      }
      io.err(`attune: the vault reports ${count(problems.length)}:`);
      for (const { message } of problems) io.err(`  - ${message}`);
      if (problems.some((p) => p.type === 'damage' || p.type === 'rollback')) {
        io.err('attune: changes may be missing from what follows.');
      }
      const arriving = [
        ...new Set(problems.flatMap((p) => (p.type === 'waiting' && p.deviceHex ? [p.deviceHex] : []))),
      ];
      if (arriving.length > 0) {
        io.err(
          `attune: changes from ${listed(arriving.map(nameOf))} have not all arrived from the sync app, so what follows may not include them. Run the command again once the sync app has caught up.`,
        );
      }
      if (problems.some((p) => MISSING.has(p.type)) && onProblems && 'warn' in onProblems) {
        onProblems.warn(exitCodes.integrity);
      }
    }
    return await work(vault);
  } finally {
    await vault.lock();
  }
}
