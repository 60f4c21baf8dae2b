import { hostname } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { AttuneError } from '../../shared/errors';
import { atomicWriteFile, fsyncDir } from './atomicWrite';
import { HEADER_FILE } from './header';
import { writeFailure } from './vaultErrors';
import { errorCode, isNotFound, nodeVaultFs, type VaultFs } from './vaultFs';

/**
 * Replacing a vault folder by another one prepared beside it (a rotated vault, a restored
 * backup) takes two renames: the current folder aside to a dated name, the prepared one into
 * its place. A small plaintext intent file written before the first rename says which folders
 * take part, so a crash between the renames is finished at the next start instead of leaving
 * no vault (FORMAT-v1.md, "Switching vault folders").
 */

const INTENT_FORMAT = 'attune-folder-switch';
/** A switch takes two renames; an intent older than this is not under way any more. */
const LIVE_INTENT_MS = 60_000;

interface SwitchIntent {
  format: typeof INTENT_FORMAT;
  version: 1;
  /** Base names, all in the vault folder's parent. */
  vault: string;
  prepared: string;
  aside: string;
  pid: number;
  hostname: string;
  startedAt: string;
}

/**
 * Why a vault folder was put aside: replaced by another (rotation, restore), moved elsewhere, or
 * the format-1 vault as it was before its upgrade to format 2. The words appear in the folder's name.
 */
export type KeptAsideReason = 'replaced' | 'moved' | 'format 1 copy';

export interface KeptAsideFolder {
  path: string;
  reason: KeptAsideReason;
  /** When it was put aside (local time of the name, as an ISO string), or null when unreadable. */
  at: string | null;
}

/** `<parent>/.<base>.attune-switch.json`: hidden, and no folder name can collide with it. */
export const switchIntentPath = (vaultDir: string): string =>
  join(dirname(vaultDir), `.${basename(vaultDir)}.attune-switch.json`);

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-12-02 14-05` in local time: a file name may not hold ':' on every system. */
export function asideStamp(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())} ${pad(now.getHours())}-${pad(now.getMinutes())}`;
}

async function exists(fs: VaultFs, path: string): Promise<boolean> {
  try {
    await fs.stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

const isVaultFolder = async (fs: VaultFs, dir: string): Promise<boolean> =>
  exists(fs, join(dir, HEADER_FILE));

/** A name beside `vaultDir` that is free: `vault (replaced 2026-12-02 14-05)`, then ` 2)`, ` 3)`... */
export async function freeAsideName(
  fs: VaultFs,
  vaultDir: string,
  reason: KeptAsideReason,
  now: Date,
): Promise<string> {
  const stem = `${basename(vaultDir)} (${reason} ${asideStamp(now)}`;
  for (let n = 1; n < 1000; n++) {
    const candidate = join(dirname(vaultDir), `${stem}${n === 1 ? '' : ` ${n}`})`);
    if (!(await exists(fs, candidate))) return candidate;
  }
  throw new AttuneError('io', 'Attune could not find a free name to keep the old vault folder under.');
}

/**
 * Moves the current vault folder aside to a dated name beside it (or to `asideDir`, a free name
 * in the same parent) and renames `preparedDir` (a complete vault in the same parent folder) into
 * its place, durably. Returns where the old folder now is; it is kept until the user removes it.
 */
export async function switchVaultFolder(
  vaultDir: string,
  preparedDir: string,
  now: Date = new Date(),
  fs: VaultFs = nodeVaultFs,
  asideDir?: string,
): Promise<{ keptAside: string }> {
  const vault = resolve(vaultDir);
  const prepared = resolve(preparedDir);
  const parent = dirname(vault);
  if (dirname(prepared) !== parent || prepared === vault) {
    throw new AttuneError('invalid-input', 'The new vault folder must be prepared beside the current one.');
  }
  if (asideDir !== undefined && (dirname(resolve(asideDir)) !== parent || (await exists(fs, asideDir)))) {
    throw new AttuneError('internal', 'The old vault folder must be put aside under a free name beside it.');
  }
  if (!(await isVaultFolder(fs, prepared))) {
    throw new AttuneError(
      'invalid-input',
      'The new vault folder is not complete, so the vault was not replaced.',
    );
  }
  const aside = asideDir === undefined ? await freeAsideName(fs, vault, 'replaced', now) : resolve(asideDir);
  const intent: SwitchIntent = {
    format: INTENT_FORMAT,
    version: 1,
    vault: basename(vault),
    prepared: basename(prepared),
    aside: basename(aside),
    pid: process.pid,
    hostname: hostname(),
    startedAt: now.toISOString(),
  };
  const intentPath = switchIntentPath(vault);
  try {
    await atomicWriteFile(fs, intentPath, Buffer.from(`${JSON.stringify(intent, null, 2)}\n`), {
      syncDir: true,
    });
    await fs.rename(vault, aside);
    await fsyncDir(fs, parent);
    await fs.rename(prepared, vault);
    await fsyncDir(fs, parent);
  } catch (error) {
    // Put things back as far as we can; what is left, the next start finishes from the intent.
    await finishInterruptedSwitch(vault, fs).catch(() => undefined);
    throw writeFailure(error);
  }
  await fs.unlink(intentPath).catch(() => undefined);
  await fsyncDir(fs, parent).catch(() => undefined);
  return { keptAside: aside };
}

async function readIntent(fs: VaultFs, vaultDir: string): Promise<SwitchIntent | null> {
  let text: string;
  try {
    text = (await fs.readFile(switchIntentPath(vaultDir))).toString('utf8');
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  try {
    const v = JSON.parse(text) as Partial<SwitchIntent>;
    const names = [v.vault, v.prepared, v.aside];
    const safe = names.every((n) => typeof n === 'string' && n.length > 0 && !/[\\/]/.test(n) && n !== '..');
    if (v.format === INTENT_FORMAT && safe && v.vault === basename(vaultDir)) return v as SwitchIntent;
  } catch {
    // unreadable: cut off while being written, so no rename had happened yet
  }
  return {
    format: INTENT_FORMAT,
    version: 1,
    vault: '',
    prepared: '',
    aside: '',
    pid: 0,
    hostname: '',
    startedAt: '',
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

export type SwitchRecovery = 'none' | 'busy' | 'finished' | 'put-back' | 'cleared';

/**
 * Finishes a switch that a crash interrupted, so the vault folder is never missing while a
 * vault exists: with the vault folder gone, the prepared folder (complete: it has a header) is
 * renamed into place, or else the old folder is put back. With the vault folder present the
 * switch either had not started (the prepared folder is left for its owner to discard) or had
 * finished; only the intent file is removed. Does nothing while another live process is in the
 * middle of a switch ('busy').
 */
export async function finishInterruptedSwitch(
  vaultDir: string,
  fs: VaultFs = nodeVaultFs,
): Promise<SwitchRecovery> {
  const vault = resolve(vaultDir);
  const parent = dirname(vault);
  const intent = await readIntent(fs, vault);
  if (!intent) return 'none';
  const started = Date.parse(intent.startedAt);
  const fresh = Number.isFinite(started) && Math.abs(Date.now() - started) < LIVE_INTENT_MS;
  if (intent.pid !== process.pid && intent.hostname === hostname() && fresh && isAlive(intent.pid)) {
    return 'busy';
  }
  let outcome: SwitchRecovery = 'cleared';
  if (intent.vault && !(await exists(fs, vault))) {
    const prepared = join(parent, intent.prepared);
    const aside = join(parent, intent.aside);
    if (await isVaultFolder(fs, prepared)) {
      await fs.rename(prepared, vault);
      outcome = 'finished';
    } else if (await isVaultFolder(fs, aside)) {
      await fs.rename(aside, vault);
      outcome = 'put-back';
    } else {
      return 'none'; // neither is there: nothing we can do safely; keep the intent for a person to read
    }
    await fsyncDir(fs, parent);
  }
  await fs.unlink(switchIntentPath(vault)).catch(() => undefined);
  await fsyncDir(fs, parent).catch(() => undefined);
  return outcome;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `path` is named as Attune names a vault folder it puts aside (freeAsideName):
 * `<name> (moved 2026-12-02 14-05)`, ` 2` before the bracket for a second one, or, as a person
 * may shorten it, without the time. Its reason, and the folder it was put aside from; else null.
 */
export function keptAsideNameOf(path: string): { reason: KeptAsideReason; original: string } | null {
  const m = / \((replaced|moved|format 1 copy) \d{4}-\d\d-\d\d(?: \d\d-\d\d)?(?: \d+)?\)$/.exec(
    basename(path),
  );
  if (!m || m.index === 0) return null;
  return {
    reason: m[1] as KeptAsideReason,
    original: join(dirname(path), basename(path).slice(0, m.index)),
  };
}

/** Vault folders kept aside beside `vaultDir` (replaced or moved away), newest first. */
export async function listKeptAside(vaultDir: string, fs: VaultFs = nodeVaultFs): Promise<KeptAsideFolder[]> {
  const vault = resolve(vaultDir);
  const parent = dirname(vault);
  const pattern = new RegExp(
    `^${escapeRegExp(basename(vault))} \\((replaced|moved|format 1 copy) (\\d{4})-(\\d\\d)-(\\d\\d) (\\d\\d)-(\\d\\d)(?: \\d+)?\\)$`,
  );
  let names: string[];
  try {
    names = await fs.readdir(parent);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const found: KeptAsideFolder[] = [];
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m) continue;
    const path = join(parent, name);
    // A folder, not a symbolic link to one: "Remove old copy" must only ever remove a copy.
    const stat = await fs.lstat(path).catch(() => null);
    if (!stat?.isDirectory) continue;
    const date = new Date(Number(m[2]), Number(m[3]) - 1, Number(m[4]), Number(m[5]), Number(m[6]));
    found.push({
      path,
      reason: m[1] as KeptAsideReason,
      at: Number.isNaN(date.getTime()) ? null : date.toISOString(),
    });
  }
  return found.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? '') || b.path.localeCompare(a.path));
}
