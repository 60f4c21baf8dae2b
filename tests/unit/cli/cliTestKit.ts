/** Shared helpers for the CLI tests: a capturing CliIo, small-KDF vaults, and vault snapshots. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../../main/cli/CliIo';
import { runCli } from '../../../main/cli/runCli';
import { DeviceConfigStore } from '../../../main/services/device/DeviceConfigStore';
import { openVaultAs } from '../../../main/services/device/openVaultAs';
import { ThisDevice } from '../../../main/services/device/ThisDevice';
import type { OpenVault } from '../../../main/vault/OpenVault';
import { RECORDS_DIR } from '../../../main/vault/recordCodec';
import { Vault } from '../../../main/vault/Vault';
import { AttuneError } from '../../../shared/ipc/result';

export const PASSPHRASE = 'correct horse battery staple';
/** The smallest KDF the vault accepts: fast tests, same code path. */
export const TEST_KDF = { memoryKiB: 8192, iterations: 1, parallelism: 1 };

export interface Captured {
  io: CliIo;
  out: string[];
  err: string[];
}

/** A CliIo that records what a command prints; prompting fails, as in a script. */
export function captureIo(
  env: Record<string, string | undefined> = { ATTUNE_PASSPHRASE: PASSPHRASE },
): Captured {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      env,
      promptSecret: () => Promise.reject(new AttuneError('invalid-input', 'No prompt in tests.')),
    },
  };
}

/**
 * This computer's settings for the CLI in the tests (ATTUNE_DATA_DIR, see cliDataDir): a temp
 * folder, so `init` and `demo` (which make format-2 vaults as this computer) never write to the
 * real user's settings, and withOpenVault opens those vaults as the same computer.
 */
export const CLI_DATA_DIR = mkdtempSync(join(tmpdir(), 'attune-cli-data-'));
process.on('exit', () => rmSync(CLI_DATA_DIR, { recursive: true, force: true }));

/** Runs the CLI in-process; returns the exit code and everything printed. */
export async function cli(argv: string[], env?: Record<string, string | undefined>) {
  const captured = captureIo({
    ATTUNE_DATA_DIR: CLI_DATA_DIR,
    ...(env ?? { ATTUNE_PASSPHRASE: PASSPHRASE }),
  });
  const code = await runCli(argv, captured.io);
  return { code, out: captured.out.join('\n'), err: captured.err.join('\n'), errLines: captured.err };
}

/** Creates a vault with the test KDF and hands it to `fill` before locking it. */
export async function makeVault(dir: string, fill?: (vault: Vault) => Promise<void>): Promise<string> {
  const { vault } = await Vault.create(dir, PASSPHRASE, { kdf: TEST_KDF });
  try {
    if (fill) await fill(vault);
  } finally {
    await vault.lock();
  }
  return dir;
}

/** Runs `work` on the vault in `dir`, in either format (as the CLI's computer), and locks it again. */
export async function withOpenVault<T>(dir: string, work: (vault: OpenVault) => Promise<T>): Promise<T> {
  const vault = await openVaultAs(
    dir,
    { passphrase: PASSPHRASE },
    new ThisDevice(new DeviceConfigStore(CLI_DATA_DIR)),
  );
  try {
    return await work(vault);
  } finally {
    await vault.lock();
  }
}

/**
 * What must not change when an import is refused: every record's kind, id and revision, the bytes
 * of every record file, and the audit trail's imports. (Opening and locking append 'unlock' and
 * 'lock' to the audit log, so the journal and audit files do change.)
 */
export async function recordSnapshot(
  dir: string,
): Promise<{ records: string[]; files: Record<string, string>; imports: number }> {
  const { records, imports } = await withOpenVault(dir, async (vault) => ({
    records: vault
      .list()
      .map((r) => `${r.kind}/${r.id}@${r.rev}`)
      .sort(),
    imports: (await vault.readAudit()).filter((e) => e.type === 'import').length,
  }));
  const files: Record<string, string> = {};
  const folder = join(dir, RECORDS_DIR);
  for (const name of (await readdir(folder)).sort()) {
    files[name] = createHash('sha256')
      .update(await readFile(join(folder, name)))
      .digest('hex');
  }
  return { records, files, imports };
}
